import type { Question } from "./question-schema";

// The DASH risk factors (version 1), in the order of spec/question-ids.md: ids 1–24 are the
// practitioner checklist (dash-ric-24); the last three are the police form's child questions
// (dash-2009-police only). Wording and help are the project's own plain English, never an
// official form's text. "The person harming you" is used throughout so each question reads on
// its own, whoever the perpetrator is.

export const DASH_QUESTIONS: readonly Question[] = [
  // --- Current situation -----------------------------------------------------------------
  {
    id: "dash.injury",
    riskFactor: "Injury in this incident",
    wording: "Did this latest incident leave you hurt or injured in any way, even if it does not show?",
    help:
      "Record each injury, where on the body, whether medical help was sought and whether this is the first time they have been injured. " +
      "Injuries are often hidden under clothing or hair; note anything you see yourself (source: observed) and offer photographs with consent.",
    section: "dash-current-incident",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.very-frightened",
    riskFactor: "Victim very frightened",
    wording: "Are you very scared at the moment?",
    help:
      "A victim's own fear is one of the best guides to danger: take it seriously and record it in their words. " +
      "Fear can be masked by calm, anger or minimising, especially if the person harming them is nearby, so note whether it was safe to talk.",
    section: "dash-current-incident",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.afraid-of-harm",
    riskFactor: "Fears further injury or violence",
    wording: "Are you afraid that you, your children or someone else will be hurt again, or even killed?",
    help:
      "Record exactly what they are afraid of and for whom (themselves, children, other people). " +
      "A fear of being killed should prompt a professional-judgement review even when the score is low.",
    section: "dash-current-incident",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.isolated",
    riskFactor: "Isolated from family, friends, GP or others",
    wording: "Does the person harming you stop you from seeing or contacting family, friends, your GP or anyone else?",
    help:
      "Isolation cuts the victim off from people who might notice the abuse and help, and is a core part of coercive control. " +
      "Ask about phones or money being taken, being kept in, or being made to drop friends; if relatives or community members are involved, go on to the honour-based abuse questions.",
    section: "dash-current-incident",
    timelineStages: [3],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.depressed-suicidal",
    riskFactor: "Victim depressed or having suicidal thoughts",
    wording: "Have you been feeling very low or hopeless, or had thoughts of ending your life?",
    help:
      "Domestic abuse is closely linked to victim suicide, which can be the fatal outcome. " +
      "If yes, ask about current plans and means, agree immediate safety steps, refer to crisis or mental-health support and record what was done.",
    section: "dash-current-incident",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.separation",
    riskFactor: "Separated or tried to separate in the past year",
    wording: "In the last twelve months, have you split up from the person harming you, or tried to?",
    help:
      "Leaving, or trying to leave, is the most dangerous time, particularly alongside stalking, control or violence. " +
      "Record when it happened (or is planned), whether the person harming them knows, and fill in the separation details in the case context.",
    section: "dash-current-incident",
    timelineStages: [4],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.child-contact-conflict",
    riskFactor: "Conflict over child contact",
    wording: "Are there arguments or disputes with the person harming you about when they see the children?",
    help:
      "Child contact gives the person harming them a regular, legitimate reason to reach the victim and is a common trigger for escalation. " +
      "Record any court proceedings and handover arrangements, and whether incidents happen at handovers.",
    section: "dash-current-incident",
    timelineStages: [4],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.stalking",
    riskFactor: "Constant contact, following, stalking or harassment",
    wording:
      "Does the person harming you keep messaging or calling you, follow you, turn up where you are, or watch or track you?",
    help:
      "Relentless contact, following or monitoring is a marker of escalation, especially after separation. " +
      "If yes or not known, go on to the stalking questions, and record the pattern (how often, by what means, since when) rather than single events.",
    section: "dash-current-incident",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  // --- Children and dependants ---------------------------------------------------------------
  {
    id: "dash.pregnancy",
    riskFactor: "Pregnant or had a baby in the last 18 months",
    wording: "Are you expecting a baby, or have you given birth in the last eighteen months?",
    help:
      "Abuse often starts or gets worse in pregnancy and after a birth, and the unborn or young baby is at risk too. " +
      "Record the due date or baby's age and whether maternity services know; treat it as sensitive information that may need to be kept from the person harming them.",
    section: "dash-children",
    timelineStages: [4],
    highRisk: false,
    policeOnly: false,
  },
  // --- Pattern of abuse in the relationship --------------------------------------------------
  {
    id: "dash.more-often",
    riskFactor: "Abuse happening more often",
    wording: "Is the abuse happening more frequently than it used to?",
    help:
      "Rising frequency is a sign of escalation. " +
      "Ask the victim to compare now with a few months ago and record roughly how many incidents there have been, including ones never reported to police.",
    section: "dash-relationship",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.getting-worse",
    riskFactor: "Abuse getting worse",
    wording: "Has the abuse become more serious or more violent over time?",
    help:
      "Growing severity is a key danger sign, and together with the use of weapons it sets a high-risk floor. " +
      "Record how it has changed (new kinds of violence, worse injuries, new threats) and over what period.",
    section: "dash-relationship",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.controlling-jealous",
    riskFactor: "Controls everything and/or excessively jealous",
    wording:
      "Does the person harming you try to control what you do, who you see or what you wear, or are they extremely jealous?",
    help:
      "Coercive control is the pattern found beneath most intimate-partner homicides, and it is a criminal offence. " +
      "Ask about checking of phones, money, movements and appearance, and about accusations of affairs; record specific examples in the victim's words.",
    section: "dash-relationship",
    timelineStages: [3],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.weapons",
    riskFactor: "Used weapons or objects to hurt",
    wording: "Has the person harming you ever hurt you with a weapon, or with something like a knife, bottle or belt?",
    help:
      "Record what was used, when, and whether they still have access to it or to any firearm. " +
      "On its own this does not force high risk, but together with abuse that is becoming more frequent or more serious it does.",
    section: "dash-relationship",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.threats-to-kill",
    riskFactor: "Threatened to kill victim or someone else, and victim believed it",
    wording: "Has the person harming you said they will kill you or someone else, and did you think they meant it?",
    help:
      "A believed threat to kill is a stand-alone high-risk indicator whatever the total score. " +
      "Threats may be indirect (for example about burning the house down or the victim disappearing), so record the exact words, who was threatened and when.",
    section: "dash-relationship",
    timelineStages: [5],
    highRisk: true,
    policeOnly: false,
  },
  {
    id: "dash.strangulation",
    riskFactor: "Tried to strangle, choke, suffocate or drown",
    wording: "Has the person harming you ever tried to strangle or choke you, smother you, or hold you under water?",
    help:
      "Non-fatal strangulation often leaves no visible mark, is a strong predictor of homicide and has been a specific offence since 2022. " +
      "Ask about blacking out, wetting or soiling, voice changes, trouble swallowing or breathing, and how many times; advise medical checks, as injuries can appear later.",
    section: "dash-relationship",
    timelineStages: [],
    highRisk: true,
    policeOnly: false,
  },
  {
    id: "dash.sexual-abuse",
    riskFactor: "Sexual abuse or degrading sexual behaviour",
    wording:
      "Does the person harming you force you into sex, or do or say sexual things that hurt, frighten or degrade you?",
    help:
      "Sexual abuse is rarely volunteered and is associated with serious harm; ask only in private, with no one else present. " +
      "Record what is disclosed as the victim describes it, and offer sexual assault referral centre and ISVA support and the options for reporting.",
    section: "dash-relationship",
    timelineStages: [3],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.other-threatening-person",
    riskFactor: "Another person has threatened victim or is feared",
    wording: "Is there anyone else who has threatened you, or who you are frightened of?",
    help:
      "Others may be acting with the person harming them, such as relatives, a new partner or associates. " +
      "If family or community members are involved, go on to the honour-based abuse questions and never use any of them as interpreters or contacts.",
    section: "dash-relationship",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.hurt-others",
    riskFactor: "Has hurt anyone else",
    wording:
      "As far as you know, has the person harming you hurt other people, such as children, a former partner, relatives or strangers?",
    help:
      "Violence towards others, above all former partners, is part of the perpetrator's history before this relationship. " +
      "Record who and when, and request police and agency checks rather than relying on the victim's knowledge; an unchecked history is unknown, not no.",
    section: "dash-relationship",
    timelineStages: [1],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.animal-cruelty",
    riskFactor: "Mistreated an animal or pet",
    wording: "Has the person harming you ever been cruel to, or hurt, an animal or pet?",
    help:
      "Hurting or threatening pets is used to frighten and control, and is linked to violence towards people. " +
      "Victims may stay because of a pet: record this and consider pet fostering in the safety plan.",
    section: "dash-relationship",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  // --- The person harming the victim -----------------------------------------------------
  {
    id: "dash.financial",
    riskFactor: "Financial dependence or money problems",
    wording:
      "Are there money worries, such as relying on the person harming you for money, them losing their job, debts, or them controlling your benefits?",
    help:
      "Economic abuse traps victims, and a perpetrator's job loss or debt can be a trigger. " +
      "Ask who controls income, benefits, bank cards and the tenancy, and whether debts have been run up in the victim's name.",
    section: "dash-perpetrator",
    timelineStages: [3],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.perp-substance-mental-health",
    riskFactor: "Perpetrator's drug, alcohol or mental-health problems in the past year",
    wording:
      "In the past year, has the person harming you had problems with drink, drugs (including prescribed ones) or their mental health that get in the way of everyday life?",
    help:
      "These problems add to the risk but never excuse or explain away the abuse. " +
      "Record what is known and where it comes from; a perpetrator's diagnosis or treatment must not be taken to lower the risk.",
    section: "dash-perpetrator",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.perp-suicide",
    riskFactor: "Perpetrator threatened or attempted suicide",
    wording: "Has the person harming you ever threatened to kill themselves, or tried to?",
    help:
      "Suicide threats mark escalation and may be used to control, and homicide followed by suicide is a recognised pattern. " +
      "Record when and how, and whether the threats are tied to the victim leaving.",
    section: "dash-perpetrator",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.breach",
    riskFactor: "Broken bail, an injunction or a contact agreement",
    wording:
      "Has the person harming you ignored bail conditions, a court order, or an agreement about contact with you or the children?",
    help:
      "A breach shows that legal limits are not stopping them and marks escalation; an order in force never lowers risk. " +
      "Record the order or condition, what was breached and whether it was reported to police.",
    section: "dash-perpetrator",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "dash.criminal-history",
    riskFactor: "Known to police or has a criminal history",
    wording:
      "As far as you know, has the person harming you been arrested, charged or convicted of anything, or are they known to the police?",
    help:
      "Record what the victim knows (domestic abuse, sexual violence, other violence, other offences), then request police and agency checks, including overseas records for foreign nationals. " +
      "Nothing known before checks are done is unknown, not no.",
    section: "dash-perpetrator",
    timelineStages: [1],
    highRisk: false,
    policeOnly: false,
  },
  // --- Police form only: children and dependants -------------------------------------------
  {
    id: "dash.children-not-perpetrators",
    riskFactor: "Children or dependants in the household who are not the perpetrator's",
    wording:
      "Do any children, or other people who rely on you, live with you who are not the children of the person harming you, such as step-children or an older relative?",
    help:
      "Step-children and other dependants face a higher risk of harm. " +
      "Record their ages and relationship to the person harming the victim in the case context, and whether children's or adult services are involved.",
    section: "dash-children",
    timelineStages: [],
    highRisk: false,
    policeOnly: true,
  },
  {
    id: "dash.hurt-children",
    riskFactor: "Has hurt the children or dependants",
    wording: "Has the person harming you ever hurt any of the children, or anyone who relies on you?",
    help:
      "Harm to children or dependants sets a high-risk floor and needs a children's services referral. " +
      "Record who was hurt, how and when, and follow child safeguarding procedures straight away.",
    section: "dash-children",
    timelineStages: [],
    highRisk: true,
    policeOnly: true,
  },
  {
    id: "dash.threatened-children",
    riskFactor: "Has threatened to hurt or kill the children or dependants",
    wording: "Has the person harming you threatened to hurt or kill any of the children, or anyone who relies on you?",
    help:
      "Threats against children or dependants set a high-risk floor, mark escalation and are often used to stop the victim leaving. " +
      "Record the words used and who was threatened, and refer to children's services.",
    section: "dash-children",
    timelineStages: [5],
    highRisk: true,
    policeOnly: true,
  },
];
