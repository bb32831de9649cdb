"""Words for the demo: session records in the GROW model, goals and their
refinements, action points, private notes and reflections. Written for Tandem;
each theme is a thread a pair might follow across several months."""

from __future__ import annotations

# (goal, reality, options, will) for one session each; a pair walks a theme in order.
THEMES: dict[str, list[tuple[str, str, str, str]]] = {
    "discussion": [
        (
            "Get more of my Year 11s talking in the live biology lessons.",
            "Four students answer everything; the other nine keep cameras and microphones off. Chat is used for 'can't hear you' and little else.",
            "Think–pair–share in breakout rooms; a question posted the day before; chat-first answers that I read aloud; cold-calling (we both dislike it).",
            "Post Thursday's question on Wednesday night and open the lesson with chat answers. Keep a tally of who contributes.",
        ),
        (
            "Look at the tally from the last three lessons.",
            "Chat answers went from 4 to 9 students. Two students who never speak wrote long answers. Breakouts were quiet: nobody knew who should start.",
            "Give each breakout a 'first speaker' by alphabet; a shared slide per group; shorter breakouts (4 minutes, not 10).",
            "Trial roles and a shared slide in two lessons; ask the quietest group what helped.",
        ),
        (
            "Decide whether the changes are worth keeping for next term.",
            "Nine or ten students contribute every lesson now. The shared slides show thinking I never heard before. Marking load went up a little.",
            "Keep everything; drop the slide for short lessons; ask a colleague to try it in Year 9 science.",
            "Write a short post for the community about the tally and the slides, with two student examples (names removed).",
        ),
    ],
    "multi_level": [
        (
            "Plan one unit that works for Years 1 to 8 in the same room and online.",
            "Three year groups at once, two students joining from home on a poor connection. I plan three lessons and teach none of them well.",
            "A shared 'big question' with tasks at three levels; a must/could/should board; recorded five-minute mini-lessons for home learners.",
            "Draft the rivers unit around one big question and bring it next time.",
        ),
        (
            "Test the rivers unit draft against real students.",
            "The big question worked for the juniors; the seniors finished their tasks in twenty minutes. The home learners missed the field trip.",
            "Add an extension inquiry for seniors; photos and a short video from the trip for home learners; seniors as guides for juniors.",
            "Film the stream visit on my phone; write one extension inquiry; pair each senior with a junior for the report.",
        ),
        (
            "Look back on the unit and what to carry into the next one.",
            "Seniors enjoyed being guides more than I expected. Home learners used the video twice. Planning time fell by about a third.",
            "Reuse the structure for the next science unit; share the template with two other sole-charge teachers.",
            "Tidy the template and put it in the community library.",
        ),
    ],
    "workload": [
        (
            "Stop working until eleven every night.",
            "Marking and lesson uploads take every evening. I answer student messages at all hours because the school is online.",
            "Set reply windows and say them to students; batch marking twice a week; reuse last year's slides more; ask the head of department what is expected.",
            "Put reply hours in my course page and e-mail signature; no school e-mail after 8 pm for two weeks; note how it feels.",
        ),
        (
            "Review the two weeks with reply hours.",
            "Students adjusted within days; one parent complained once. I slept better but marking piled up on Sunday.",
            "Move one marking block into a free period; use comment banks for common feedback; sample-mark drafts instead of marking all.",
            "Build a comment bank for the essay task and try sample-marking the next draft.",
        ),
    ],
    "reo": [
        (
            "Use more te reo Māori naturally in my maths lessons.",
            "I use greetings and instructions but switch to English for anything mathematical. I worry about getting words wrong in front of fluent students.",
            "Learn ten maths words a fortnight; invite students to teach me; bilingual word wall on the class page; ask Anahera for resources.",
            "Choose the first ten words (shapes and measurement) and use each in a lesson.",
        ),
        (
            "See how the first words went.",
            "Students corrected my pronunciation kindly and seemed to enjoy it. Two students who rarely speak led the word of the day.",
            "Keep the word of the day; add a short karakia at the start; record myself to practise pronunciation.",
            "Next ten words on statistics; ask the two students whether they'd like to run word of the day each week.",
        ),
    ],
    "feedback": [
        (
            "Make my written feedback something students act on.",
            "I write long comments on every assignment. Most students look at the grade and stop. Resubmissions are rare.",
            "Feedback as questions; one 'next step' only; a short lesson slot for responding to feedback; audio comments.",
            "Try one next step plus ten minutes of response time in the next lesson; count how many students act on it.",
        ),
        (
            "Look at the response-time trial.",
            "Eighteen of twenty-four students made a change during the ten minutes. Audio comments were quicker to give but two students could not play them on their devices.",
            "Keep the response time; offer audio with a text summary; try peer feedback with a checklist.",
            "Write a three-point checklist for peer feedback on the lab report.",
        ),
    ],
    "wellbeing": [
        (
            "Find a way to notice students who are slipping before it is too late.",
            "In an online course I only see a name in a list. Two students vanished for three weeks last term before I noticed.",
            "Weekly two-question check-in form; a traffic-light column in my tracking sheet; a short call to anyone silent for a week.",
            "Set up the check-in form and run it for three weeks.",
        ),
        (
            "Read what the check-ins showed.",
            "Three students said they were struggling at home; one is caring for siblings during the day. Completion of the form is about 70%.",
            "Talk to the learning advisor about flexible deadlines; call the students who don't answer the form; share the idea at the department meeting.",
            "Call the two students who never answered; meet the learning advisor this week.",
        ),
    ],
}

PRIVATE_NOTES = [
    "Sounded tired today. Ask gently about the workload next time — do not push.",
    "Remember: I promised to send the article about think–pair–share online.",
    "My own note: I talked too much in the first half. Let silences run longer.",
    "Worth raising with Graham in supervision: how much advice is too much?",
    "Strong session. The change in confidence since March is obvious.",
    "Connection dropped twice; next time start on the phone and switch to video if it holds.",
]

AGENDAS = [
    "1. How the last action points went\n2. The goal\n3. One thing to try next",
    "Catch-up, then the tally data, then plan for the next two weeks.",
    "Quick check-in (10 min), then the unit plan.",
    "Look at the student work sample together; agree next steps.",
]

SHARED_NOTES = [
    "Links we mentioned: the community thread on breakout roles; the school's online learning policy (p. 4).",
    "Next time: bring two pieces of student work, one strong, one weak.",
    "Kiri to share the tally sheet in the community library when it's tidy.",
    "We agreed to keep cameras optional; audio was clearer today.",
    "",
]

GOALS = [
    {
        "title": "Get every student contributing in live lessons",
        "description": "Most of my live-lesson talk comes from four students. I want every student to contribute in some way each lesson, because I can't assess what I can't hear.",
        "need_kind": "student",
        "need": "Quiet students in online biology fall behind without anyone noticing.",
        "blockers": "Poor connections; students' shyness on camera; my habit of filling silences.",
        "enablers": "Chat works even on a bad connection; a supportive HOD; Mereana's ideas.",
        "evaluation": "A tally of contributions per lesson, compared over a term; two students' views.",
        "support": "Structuring breakout rooms; what to do about students who never log in live.",
        "refined": "Get every student contributing in live lessons, by chat or voice",
        "refined_evaluation": "A tally of chat and voice contributions per lesson over a term, plus short interviews with three quiet students.",
    },
    {
        "title": "Plan multi-level units that save time",
        "description": "I plan separately for three year groups. One unit with shared big questions and tasks at different levels should serve everyone and give me back my evenings.",
        "need_kind": "school",
        "need": "A sole-charge school with learners from Years 1 to 8, some learning from home.",
        "blockers": "No colleagues on site to plan with.",
        "enablers": "Other sole-charge teachers in the community.",
        "evaluation": "Planning hours per week; whether every group meets its learning intentions.",
        "support": "Examples of must/could/should boards.",
        "refined": "Plan one multi-level unit a term with a shared big question",
        "refined_evaluation": "Planning hours per week, tracked for a term; a short student survey per level.",
    },
    {
        "title": "Set boundaries that protect my evenings",
        "description": "Working every evening is not sustainable and I am thinking about leaving teaching.",
        "need_kind": "own",
        "need": "Staying in the profession.",
        "blockers": "Students and parents expect instant replies online.",
        "enablers": "A principal who says wellbeing matters.",
        "evaluation": "Evenings without school work per week.",
        "support": "How other online teachers set reply hours.",
        "refined": "Keep four evenings a week free of school work",
        "refined_evaluation": "Count free evenings each week for a term; how I feel on Friday.",
    },
    {
        "title": "Use te reo Māori naturally in maths",
        "description": "Normalise te reo in my maths classes, for my Māori students and for everyone.",
        "need_kind": "community",
        "need": "Whānau have asked for more te reo across subjects.",
        "blockers": "My own confidence.",
        "enablers": "Fluent students who are keen to help; Anahera's resources.",
        "evaluation": "Words used per week; students' own comments.",
        "support": "Pronunciation; word lists by topic.",
        "refined": "Teach and use ten maths words in te reo Māori each fortnight",
        "refined_evaluation": "A word list that grows every fortnight; students leading word of the day.",
    },
    {
        "title": "Feedback students act on",
        "description": "Make written feedback lead to changes in students' work.",
        "need_kind": "student",
        "need": "Resubmission rates are low and grades flat.",
        "blockers": "Time; device limits for audio.",
        "enablers": "Ten minutes of class time I can give.",
        "evaluation": "The share of students who act on feedback within a week.",
        "support": "Peer feedback checklists.",
        "refined": "One next step per piece of work, with time in class to act on it",
        "refined_evaluation": "Count changes made in the response time; compare two tasks.",
    },
    {
        "title": "Notice students who are slipping",
        "description": "Catch disengagement early in an online course.",
        "need_kind": "student",
        "need": "Two students disappeared for weeks last term.",
        "blockers": "Only seeing names in a list.",
        "enablers": "Learning advisors; a simple form tool.",
        "evaluation": "Days until a silent student is contacted.",
        "support": "Conversations about home circumstances.",
        "refined": "Contact every student silent for a week within two days",
        "refined_evaluation": "Days from last activity to first contact, tracked weekly.",
    },
]

ACTIONS = [
    "Post Thursday's question the night before",
    "Share the tally sheet with Mereana",
    "Film the stream visit for home learners",
    "Write one extension inquiry for seniors",
    "Add reply hours to the course page",
    "Build a comment bank for the essay task",
    "Choose the next ten kupu for statistics",
    "Ask the learning advisor about flexible deadlines",
    "Send the article on breakout roles",
    "Book a short call with the HOD about expectations",
]

REFLECTIONS = [
    (
        "When I give advice too quickly",
        "In three sessions this month I heard myself offering solutions before the mentee had finished describing the problem. The sessions felt productive but I'm not sure they were *theirs*. Next month I will ask two more open questions before I suggest anything, and notice what changes.",
    ),
    (
        "Mentoring across time zones",
        "Working with a mentee in Apia and another in Toronto means my evening sessions are their mornings. Booking two sessions ahead helped more than anything. I want to ask in supervision how others protect their own evenings.",
    ),
    (
        "Dependency",
        "One mentee messages me most days. I am glad to help but I can feel a pattern forming where I am the first place she looks rather than her colleagues. I'd like to talk about how to hand back gently.",
    ),
]

END_REFLECTIONS = {
    "withdrawn": "We met five times. The first goal — calmer starts to online lessons — went well. After the school's change of leadership there was no release time for mentoring, and Rangi chose to stop for now. We both hope to pick it up again next year.",
}
