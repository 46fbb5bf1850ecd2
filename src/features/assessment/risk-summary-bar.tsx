// The risk so far in one short bar that stays at the top of the screen while the questions are
// answered (on a tablet or phone the full panel sits below the form): the level with its certainty
// (describeLevel) and what last moved it; no controls (a target in a sticky bar would cover the answers beneath it). A change of level is announced
// once in a polite live region; answers that leave the level as it is, and typing, announce nothing.
import { useLayoutEffect, useRef, useState, type RefObject } from "react";
import type { CaseFile } from "../../domain/case-file";
import { describeLevel } from "../../domain/certainty/describe-level";
import type { Outcome } from "../../domain/outcome";
import type { DraftAnswer } from "./assessment-draft";
import { describeLevelChange, type DraftState } from "./level-change";

interface Seen extends DraftState {
  /** The level with its short certainty mark, as last shown: a change of it is a change of level. */
  level: string;
  change: string | null;
  announcement: string;
}

/** Follows the draft render by render, noting what moved the level when it moves. */
function useLevelChange(outcome: Outcome | null, answers: Readonly<Record<string, DraftAnswer>>): Seen {
  const level = describeLevel(outcome).short;
  const [seen, setSeen] = useState<Seen>({ answers, outcome, level, change: null, announcement: "" });
  // Adjusting state while rendering (as React advises), so the bar and its announcement never lag a render.
  if (seen.answers !== answers || seen.outcome !== outcome) {
    const moved = seen.level !== level;
    const change = moved ? describeLevelChange(seen, { answers, outcome }) : seen.change;
    setSeen({
      answers,
      outcome,
      level,
      change,
      announcement: moved ? `Risk level is now ${level}: ${change}.` : seen.announcement,
    });
  }
  return seen;
}

/**
 * Keeps focused content clear of the bar (WCAG 2.4.11): the page's scroll padding follows the bar's
 * height, so the browser scrolls a focused control below it rather than under it.
 */
function useScrollPaddingFor(bar: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = bar.current;
    if (element === null || typeof ResizeObserver === "undefined") return undefined;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.scrollPaddingTop = `${Math.ceil(element.getBoundingClientRect().height) + 8}px`;
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("scroll-padding-top");
    };
  }, [bar]);
}

export function RiskSummaryBar({
  outcome,
  caseFile,
  answers,
}: {
  /** The outcome so far; null while the draft is incomplete. */
  outcome: Outcome | null;
  /** The case file it came from, so answers observed when it was not safe to ask are said to be. */
  caseFile: CaseFile | null;
  answers: Readonly<Record<string, DraftAnswer>>;
}) {
  const described = describeLevel(outcome, caseFile === null ? {} : { caseFile });
  const { change, announcement } = useLevelChange(outcome, answers);
  const bar = useRef<HTMLElement>(null);
  useScrollPaddingFor(bar);
  const level = described.status === "assessed" && described.level !== null ? described.level : "not-assessed";
  return (
    <section ref={bar} aria-label="Risk level" className={`risk-bar risk-bar--${level}`}>
      <p className="risk-bar__level">
        <span className="visually-hidden">Risk so far: </span>
        {described.sentence}
      </p>
      <p className="risk-bar__change">{change === null ? null : <>Latest change: {change}.</>}</p>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </section>
  );
}
