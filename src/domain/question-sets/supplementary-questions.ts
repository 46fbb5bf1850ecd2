import type { Question } from "./question-schema";

// Supplementary questions (version 1), with exactly the ids of spec/question-ids.md. They never
// score: they raise rule floors, place homicide-timeline stages and give pathway reasons.
// Wording and help are the project's own plain English.

const NO_FAMILY_INTERPRETERS = "Never use family or community members as interpreters or contacts.";

/** Offered when dash.stalking is yes or not known. */
export const STALKING_QUESTIONS: readonly Question[] = [
  {
    id: "stalking.very-frightened",
    riskFactor: "Very frightened by the stalking or harassment",
    wording: "Does this harassment leave you feeling very frightened?",
    help:
      "Victims usually know their stalker well and read the behaviour accurately, so their fear is evidence. " +
      "Record what in particular frightens them, in their words.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.previous-stalking",
    riskFactor: "Has stalked or harassed this or other victims before",
    wording: "To your knowledge, has this person stalked or harassed you, or anyone else, before now?",
    help:
      "Earlier stalking, including of former partners, is part of the perpetrator's history and points to a settled pattern. " +
      "Request police checks and record what is known and who said so.",
    section: "stalking",
    timelineStages: [1],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.property-damage",
    riskFactor: "Destroyed or damaged property",
    wording:
      "Has the person harassing you damaged, destroyed or tampered with anything of yours, such as your car, home or belongings?",
    help:
      "Damage to property is intimidation that can move on to violence against the person. " +
      "Record what was damaged, when, and any crime reference numbers.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.turns-up",
    riskFactor: "Visits home, work or elsewhere more than three times a week",
    wording:
      "Does the person harassing you come to your home, your work or other places you go more than three times a week?",
    help:
      "Frequent visits show fixation and create chances to attack. " +
      "Record the places, how often and at what times, and suggest the victim keeps a dated diary of every incident.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.loitering",
    riskFactor: "Loiters around home, work or other places",
    wording: "Does the person harassing you hang around near your home, your work or places you regularly go?",
    help:
      "Loitering is often surveillance, learning the victim's routine. " +
      "Record where and when, and build those places and times into the safety plan.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.threats-violence",
    riskFactor: "Threatened physical or sexual violence during this harassment",
    wording: "During this harassment, has the person threatened to hurt you physically or sexually?",
    help:
      "Threats made while stalking are often carried out. " +
      "Record the exact words or messages and keep copies; a threat to kill also belongs under the main threats-to-kill question.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.third-parties",
    riskFactor: "Harasses family, friends, children or colleagues",
    wording:
      "Since this began, has the person harassing you also targeted your family, friends, children or work colleagues?",
    help:
      "Widening the targets raises the danger and the number of people who need safety advice. " +
      "Record who has been contacted and how, and consider their safety as well.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.violent-to-others",
    riskFactor: "Violent towards others during this stalking",
    wording: "Has the person harassing you been violent towards anyone while this has been going on?",
    help:
      "Violence already used during the current stalking shows they are willing to act. " +
      "Record who was hurt, when, and any police involvement.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.proxies",
    riskFactor: "Recruited others to help, knowingly or not",
    wording:
      "Has the person harassing you got other people to help, for example to pass on messages, find out where you are or keep watch, whether or not those people realise it?",
    help:
      "Stalking by proxy extends the stalker's reach and can defeat safety measures such as moving home. " +
      "Record who is involved and whether they know what they are part of.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.substance-use",
    riskFactor: "Stalker misuses drugs or alcohol",
    wording: "Does the person harassing you have problems with drugs or alcohol?",
    help:
      "Drug or alcohol misuse can lower inhibitions and make behaviour harder to predict, but it never explains the stalking away. " +
      "Record what is known and its source.",
    section: "stalking",
    timelineStages: [5],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "stalking.violent-past",
    riskFactor: "Violent in the past (physical or psychological)",
    wording:
      "As far as you know, has the person harassing you been violent before, physically or psychologically, whether or not it was reported?",
    help:
      "Past violence towards anyone is part of the perpetrator's history. " +
      "Include police intelligence as well as convictions, and request checks rather than relying on the victim's knowledge alone.",
    section: "stalking",
    timelineStages: [1],
    highRisk: false,
    policeOnly: false,
  },
];

/** Offered when dash.other-threatening-person or dash.isolated is yes or not known. */
export const HONOUR_BASED_ABUSE_QUESTIONS: readonly Question[] = [
  {
    id: "hbv.restricted",
    riskFactor: "Kept at home or activities restricted",
    wording:
      "Are you being kept at home, or are your movements, friendships or activities being controlled by your family or others?",
    help:
      "Restriction is often the first visible sign of honour-based abuse, and several relatives may enforce it. " +
      "Agree where and how it is safe to speak to them again. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "hbv.forced-marriage",
    riskFactor: "Fears or faces forced marriage or being taken abroad",
    wording: "Are you afraid you will be made to marry someone against your will, or be taken abroad?",
    help:
      "Forced marriage is a crime, and the victim may have only one chance to ask for help: act on the first disclosure and contact the Forced Marriage Unit. " +
      "Record any travel plans, dates and destinations. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "hbv.family-history",
    riskFactor: "Relatives previously subject to it or gone missing",
    wording:
      "Has anyone else in your family been forced to marry, been harmed to protect the family's 'honour', or gone missing?",
    help:
      "What has happened to other relatives shows what the family is prepared to do and is a serious warning sign. " +
      "Record who, when and what happened, as told. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "hbv.multiple-perpetrators",
    riskFactor: "Family or community involved in the abuse",
    wording: "Are several members of your family, or people from your community, involved in the abuse or the threats?",
    help:
      "More than one abuser means more danger and fewer safe places, and it sets a high-risk floor; plan on the basis that anything shared may reach any of them. " +
      "Record everyone involved and their part. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: true,
    policeOnly: false,
  },
  {
    id: "hbv.family-threats",
    riskFactor: "Threats to kill or harm from family",
    wording: "Has anyone in your family threatened to kill you or to hurt you?",
    help:
      "Threats from family in an honour-based abuse setting set a high-risk floor and need urgent police involvement. " +
      "Record the words used and by whom. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: true,
    policeOnly: false,
  },
  {
    id: "hbv.documents-controlled",
    riskFactor: "Passport or immigration papers held by others",
    wording: "Does someone else keep your passport, ID or immigration papers so that you cannot get them?",
    help:
      "Holding documents removes a way of escaping, may signal a plan to take the victim abroad and can affect access to support. " +
      "Record what is held and by whom. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "hbv.self-harm",
    riskFactor: "Self-harm",
    wording: "Have you been harming yourself on purpose?",
    help:
      "Self-harm can reflect the pressure of honour-based abuse or forced marriage, and a death may later be presented as suicide. " +
      "Deal with immediate safety and record what you see or are told. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "hbv.truanting",
    riskFactor: "Under 18 and missing school",
    wording: "If you are under 18: have you been missing school, or been kept away from it?",
    help:
      "Unexplained absence in a young person can mean they are being kept at home or have been taken out of the country; make a child safeguarding referral. " +
      "Involve the school's safeguarding lead only if it is safe to do so. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "hbv.previous-withdrawal",
    riskFactor: "Reported before and then withdrew",
    wording: "Have you asked for help or reported abuse before, and then taken it back?",
    help:
      "Withdrawing is often the result of family or community pressure and never lowers the risk. " +
      "Record earlier reports and, if known, why they ended. " +
      NO_FAMILY_INTERPRETERS,
    section: "honour-based-abuse",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
];

/**
 * BRAG-style vulnerability factors. A yes (or a context fact that implies the factor) makes the
 * factor present; see the BRAG section of spec/question-ids.md for how the colour is computed.
 */
export const BRAG_QUESTIONS: readonly Question[] = [
  {
    id: "brag.immediate-risk",
    riskFactor: "Immediate risk to life or wellbeing",
    wording: "Are you in danger right now, or is something happening that puts your life or health at immediate risk?",
    help:
      "Answer from what the person says and from what you see (record the source as observed where it is yours). " +
      "A yes makes the rating red: act now, with emergency services or urgent medical help as needed.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "brag.no-safe-home",
    riskFactor: "Homeless, rough sleeping, sofa surfing or unsafe home",
    wording:
      "Are you without a safe, settled place to live, for example sleeping rough, staying on other people's sofas, in temporary housing, or somewhere you are not safe?",
    help:
      "Insecure housing exposes people to exploitation, and being made to have sex for somewhere to stay is exploitation, not a housing arrangement. " +
      "Record the housing situation in the case context; someone made homeless by domestic abuse has priority need.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "brag.substance-use",
    riskFactor: "Drug or alcohol use affecting daily life",
    wording: "Are you using drugs or alcohol in a way that affects your day-to-day life?",
    help:
      "Substance use is often a way of coping with abuse, or is forced on the victim, and dependence is a care-and-support need, not a lifestyle choice. " +
      "Record the substances in the case context and which treatment services are involved.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "brag.mental-health",
    riskFactor: "Mental ill-health",
    wording: "Are you struggling with your mental health?",
    help:
      "Mental ill-health adds to vulnerability and can be a care-and-support need. " +
      "Record any diagnosis, the services involved and any current risk of self-harm or suicide.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "brag.violence",
    riskFactor: "Suffering physical violence",
    wording: "Is anyone being physically violent towards you?",
    help:
      "Violence together with two or more other vulnerabilities makes the rating red. " +
      "Record who is responsible and, if they are a partner or family member, make sure a DASH is completed.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "brag.exploitation",
    riskFactor: "Sexual, criminal or financial exploitation (including cuckooing)",
    wording:
      "Is anyone using you for sex, crime or money, for example taking over your home to deal drugs, making you carry drugs, or taking your money or benefits?",
    help:
      "An exploited person is a victim, whatever they appear to have agreed to; describe it as exploitation, never as a lifestyle choice. " +
      "Record each kind in the case context's exploitation prompts; with two or more other vulnerabilities this makes the rating red.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "brag.no-money",
    riskFactor: "No money, food or power",
    wording: "Are you going without money, food, or gas and electricity?",
    help:
      "Having nothing to live on leaves people dependent on whoever provides, including people who exploit or abuse them. " +
      "Record what is missing and arrange emergency help such as food banks, crisis grants or energy top-ups.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "brag.isolated",
    riskFactor: "No support network",
    wording: "Are you without anyone, whether friends, family or services, you can turn to for support?",
    help:
      "Without a support network nobody may notice things getting worse or raise the alarm. " +
      "Record who, if anyone, the person trusts and whether there is a safe way to contact them.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "brag.disability",
    riskFactor: "Physical, learning or cognitive disability, or neurodivergence",
    wording:
      "Do you have a physical, learning or cognitive disability, or are you neurodivergent (for example autistic or with ADHD)?",
    help:
      "Disability and neurodivergence can make abuse harder to recognise, report or escape, and can amount to a care-and-support need. " +
      "Record any adjustments needed to communicate with the person safely.",
    section: "vulnerability",
    timelineStages: [],
    highRisk: false,
    policeOnly: false,
  },
];

/** Homicide-timeline indicators that no DASH question covers (stages 2, 6 and 7). */
export const TIMELINE_QUESTIONS: readonly Question[] = [
  {
    id: "timeline.rapid-commitment",
    riskFactor: "Relationship became serious very quickly",
    wording:
      "At the start, did things become very serious very fast, for example moving in together or talk of marriage within weeks?",
    help:
      "A whirlwind start, pushing for commitment straight away, is the early-relationship stage of the homicide timeline. " +
      "Record how quickly things moved and who drove it.",
    section: "timeline",
    timelineStages: [2],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "timeline.early-pregnancy-pressure",
    riskFactor: "Early pressure to have a baby",
    wording: "Early in the relationship, did the person harming you push you to get pregnant or have a baby together?",
    help:
      "Pressure for a child early on is a way of tying the victim in and belongs to the early-relationship stage. " +
      "Record when this happened and whether contraception was interfered with.",
    section: "timeline",
    timelineStages: [2],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "timeline.final-resolution-talk",
    riskFactor: "Talk of a final resolution ('if I can't have you…')",
    wording:
      "Has the person harming you said things like 'if I can't have you, nobody will', or talked about ending things once and for all?",
    help:
      "Talk of a final way out shows a change in thinking: the perpetrator may have decided the loss of control cannot be undone. " +
      "Record the exact words, when they were said and to whom; review the risk level straight away.",
    section: "timeline",
    timelineStages: [6],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "timeline.sudden-calm",
    riskFactor: "Sudden calm after escalation",
    wording:
      "After a period of anger or threats, has the person harming you suddenly gone calm, as if they have accepted things or made up their mind?",
    help:
      "A sudden calm after escalation can mean a decision has been made, not that the danger has passed. " +
      "Do not lower the risk because things seem quieter; record when the change happened.",
    section: "timeline",
    timelineStages: [6],
    highRisk: false,
    policeOnly: false,
  },
  {
    id: "timeline.acquiring-weapons",
    riskFactor: "Acquiring weapons or means to restrain",
    wording:
      "Has the person harming you recently got hold of, or looked for, a weapon or things that could be used to hurt or tie you up, such as a knife, gun, rope or cable ties?",
    help:
      "Getting weapons or restraints is planning, the last stage before homicide: the risk is high and action is needed now, including police involvement. " +
      "Record what was obtained or searched for, when, and how this is known.",
    section: "timeline",
    timelineStages: [7],
    highRisk: true,
    policeOnly: false,
  },
  {
    id: "timeline.reconnaissance",
    riskFactor: "Reconnaissance of the victim's routine or whereabouts",
    wording:
      "Has the person harming you been finding out your routine, your new address or who you are with, for example by watching places, searching online or tracking your phone or car?",
    help:
      "Working out where the victim will be, and when, is planning: the risk is high and action is needed now. " +
      "Record the places and routines they know about and build them into an urgent safety plan.",
    section: "timeline",
    timelineStages: [7],
    highRisk: true,
    policeOnly: false,
  },
  {
    id: "timeline.getting-victim-alone",
    riskFactor: "Trying to get the victim alone",
    wording:
      "Has the person harming you been trying to get you on your own, for example asking for one last meeting or to collect belongings or the children somewhere private?",
    help:
      "Trying to get the victim alone is planning: the risk is high and action is needed now. " +
      "Advise the victim not to meet them alone, record each request and pass it to police.",
    section: "timeline",
    timelineStages: [7],
    highRisk: true,
    policeOnly: false,
  },
];
