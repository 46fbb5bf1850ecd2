import { z } from "zod";

// Prompts for case-file facts that have no answer id: each maps onto a `context` field of the
// case file (spec/case-format.md). Exploitation prompts each stand for one
// `context.exploitation` tag (a yes adds the tag); care-and-support prompts cover the Care Act
// s42 facts in `context.careAndSupport`, plus the housing and substance-use facts that feed the
// BRAG rating and the s42 test. Wording and help are the project's own.

export const CONTEXT_PROMPT_SECTIONS = ["exploitation", "care-and-support"] as const;
export type ContextPromptSection = (typeof CONTEXT_PROMPT_SECTIONS)[number];

/** Every case-file path a prompt may fill in (a closed list, so a typo is caught). */
export const CONTEXT_PROMPT_FIELDS = [
  "context.exploitation.sexual-exploitation",
  "context.exploitation.sex-for-accommodation",
  "context.exploitation.cuckooing",
  "context.exploitation.financial",
  "context.exploitation.benefits-control",
  "context.exploitation.forced-criminality",
  "context.exploitation.trafficking",
  "context.careAndSupport.needs",
  "context.careAndSupport.needsKinds",
  "context.careAndSupport.abuseOrNeglect",
  "context.careAndSupport.unableToProtectSelf",
  "context.careAndSupport.capacity",
  "context.careAndSupport.rationale",
  "context.housing",
  "context.substanceUse",
] as const;
export type ContextPromptField = (typeof CONTEXT_PROMPT_FIELDS)[number];

export const contextPromptSchema = z
  .object({
    /** The case-file path this prompt fills in, e.g. "context.exploitation.cuckooing". */
    field: z.enum(CONTEXT_PROMPT_FIELDS),
    /** A short name for lists and referral packs. */
    label: z.string().min(3),
    /** The project's own plain-English question or prompt. */
    wording: z.string().min(10),
    /** Guidance for the practitioner: why it matters, how to ask, what to record. */
    help: z.string().min(20),
    section: z.enum(CONTEXT_PROMPT_SECTIONS),
  })
  .strict();

export type ContextPrompt = z.infer<typeof contextPromptSchema>;

/** One prompt per `context.exploitation` tag; a yes records the tag. */
export const EXPLOITATION_PROMPTS: readonly ContextPrompt[] = [
  {
    field: "context.exploitation.sexual-exploitation",
    label: "Sexual exploitation",
    wording:
      "Has anyone pressured or made you do sexual things in return for drugs, money, food, protection or anything else, or so that someone else makes money from it?",
    help:
      "An exploited person is a victim, whatever they seem to have agreed to: record it as sexual exploitation, never as 'sex work' or a 'lifestyle choice'. " +
      "Ask privately, record who is involved and what is exchanged, and consider a safeguarding referral.",
    section: "exploitation",
  },
  {
    field: "context.exploitation.sex-for-accommodation",
    label: "Sex in exchange for somewhere to stay",
    wording: "Are you expected to have sex with someone in return for a place to stay?",
    help:
      "Sex in exchange for a roof is sexual exploitation and the person is a victim; if the person providing the roof is a partner or someone they live with, it is domestic abuse too. " +
      "Avoid 'sex worker' or 'lifestyle choice' language, record the housing situation as well, and treat the accommodation as unsafe.",
    section: "exploitation",
  },
  {
    field: "context.exploitation.cuckooing",
    label: "Cuckooing (home taken over)",
    wording:
      "Has anyone taken over your home, or started using it, to deal, prepare or store drugs, even if you agreed to it at first?",
    help:
      "Cuckooing is someone taking over a person's home for drug dealing; the occupier is a victim, often chosen because of addiction, disability or isolation. " +
      "Record who is using the home and how often, and whether the person can refuse them entry.",
    section: "exploitation",
  },
  {
    field: "context.exploitation.financial",
    label: "Financial exploitation",
    wording:
      "Has anyone taken your money, bank cards or belongings, or made you borrow money or take on debt for them?",
    help:
      "Financial exploitation leaves the victim dependent and in debt to the people exploiting them; it is abuse, not a money-management problem. " +
      "Record what has been taken or owed and to whom.",
    section: "exploitation",
  },
  {
    field: "context.exploitation.benefits-control",
    label: "Benefits taken or controlled",
    wording: "Does someone else collect or control your benefits, or make you hand them over?",
    help:
      "Control of benefits removes the victim's means of escape and is a form of economic abuse. " +
      "Record who controls the payments and how, and whether the benefits agency should be asked to change payment arrangements safely.",
    section: "exploitation",
  },
  {
    field: "context.exploitation.forced-criminality",
    label: "Forced into crime",
    wording:
      "Has anyone made or pressured you to commit crimes for them, such as carrying or selling drugs, stealing, or holding things for them?",
    help:
      "A person forced into crime is a victim of exploitation first; the pressure may be debt, threats or drugs. " +
      "Record who is involved and what they are made to do, and consider a referral for modern slavery support.",
    section: "exploitation",
  },
  {
    field: "context.exploitation.trafficking",
    label: "Trafficking",
    wording:
      "Has anyone moved you from place to place, or brought you here, and then made you work or do things you did not want to, or told you that you owe them?",
    help:
      "Trafficking victims may not see themselves as victims and may fear the authorities or the traffickers; ask alone, with a professional interpreter if needed. " +
      "Record how they came to be here and who controls them, and consider a referral for modern slavery support.",
    section: "exploitation",
  },
];

/** Care Act s42 facts (`context.careAndSupport`) and the housing and substance-use facts. */
export const CARE_AND_SUPPORT_PROMPTS: readonly ContextPrompt[] = [
  {
    field: "context.careAndSupport.needs",
    label: "Care and support needs",
    wording:
      "Does the person need help or support in daily life because of a health condition, disability, mental ill-health, or drug or alcohol dependence, whether or not they are getting it?",
    help:
      "This is the first s42 test and it counts needs whether or not any service is meeting them; eligibility for services is irrelevant. " +
      "Substance dependence is a care-and-support need, not a lifestyle choice.",
    section: "care-and-support",
  },
  {
    field: "context.careAndSupport.needsKinds",
    label: "Kinds of care and support need",
    wording:
      "What are the needs linked to: physical disability, learning disability, mental ill-health, substance dependence, brain injury, neurodivergence, frailty, sensory impairment or something else?",
    help:
      "Record every kind that applies; they also feed the vulnerability rating. " +
      "Substance dependence is a care-and-support need, not a lifestyle choice, and it can sit alongside brain injury or mental ill-health.",
    section: "care-and-support",
  },
  {
    field: "context.careAndSupport.abuseOrNeglect",
    label: "Experiencing or at risk of abuse or neglect",
    wording: "Is the person experiencing abuse or neglect, or at risk of it?",
    help:
      "This is the second s42 test; domestic abuse, exploitation and self-neglect all count. " +
      "Record what the abuse or neglect is and who is causing it.",
    section: "care-and-support",
  },
  {
    field: "context.careAndSupport.unableToProtectSelf",
    label: "Unable to protect self because of those needs",
    wording:
      "Because of those needs, is the person unable to protect themselves from the abuse or neglect, or from the risk of it?",
    help:
      "The test is whether the person's needs stop them protecting themselves, for example because dependence, fear or ill-health keeps them with the people harming them. " +
      "Having mental capacity does not mean the person can protect themselves: never answer this test with a capacity finding.",
    section: "care-and-support",
  },
  {
    field: "context.careAndSupport.capacity",
    label: "Mental capacity (recorded only)",
    wording: "Has the person's mental capacity been assessed for the decisions involved, and if so, what was found?",
    help:
      "Capacity is recorded but is not part of the s42 test, and having capacity does not mean the person can protect themselves. " +
      "Capacity is decision-specific and can be affected by intoxication, withdrawal or coercion; record which decision was assessed and when.",
    section: "care-and-support",
  },
  {
    field: "context.careAndSupport.rationale",
    label: "Reasons for the care and support answers",
    wording:
      "Why have you reached these answers about care and support needs, abuse, and ability to protect themselves?",
    help:
      "Explain each answer in plain words, linking the needs to why the person cannot protect themselves. " +
      "Avoid 'lifestyle choice', 'chaotic' or 'unwise decision' as reasons: say what the person's needs and circumstances are.",
    section: "care-and-support",
  },
  {
    field: "context.housing",
    label: "Housing",
    wording:
      "Where is the person living now: settled housing, temporary housing, on other people's sofas, sleeping rough, a refuge, or a high-rise?",
    help:
      "Rough sleeping, sofa surfing and temporary housing mark the person as vulnerable and open to exploitation, and a high-rise home can make escape and emergency access harder. " +
      "Ask whether where they are staying is safe and whether anything is expected in return.",
    section: "care-and-support",
  },
  {
    field: "context.substanceUse",
    label: "Substance use (the person's own)",
    wording: "Does the person use alcohol, opiates, crack cocaine or other drugs?",
    help:
      "Substance dependence is a care-and-support need, not a lifestyle choice, and use is often a way of coping with abuse or is coerced by the person harming them. " +
      "Record which substances, and do not delay a risk assessment because of intoxication if the person can give an account.",
    section: "care-and-support",
  },
];
