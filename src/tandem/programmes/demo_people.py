"""The people of Tandem's demo programme. Invented; any likeness is chance.

Each row: email local part (or None for a generated one), display name,
pronouns, time zone, school, sector, position, subjects, region, country,
years, interests, tags, bio.
"""

from __future__ import annotations

from typing import Any

NZ = "Pacific/Auckland"

STAFF: list[dict[str, Any]] = [
    dict(
        email="lead", name="Ruth Paewai", pronouns="she/her", tz=NZ,
        school="Kahikatea Professional Learning Trust", sector="other",
        position="Programme lead", subjects=["Adult learning", "Programme evaluation"],
        region="Manawatū-Whanganui", country="NZ", years=24,
        interests="Growing mentoring that lasts beyond the funding cycle; retention of early-career teachers in rural schools.",
        tags=["mentoring design", "rural education", "retention"],
        bio="Former area-school principal. I look after intake, the matching committee and our reporting to funders.",
    ),
    dict(
        email="mentor", name="Mereana Tākao", pronouns="she/her", tz=NZ,
        school="Tairāwhiti Virtual Learning Hub", sector="secondary",
        position="Lead virtual mentor", subjects=["Chemistry", "Science", "Te reo Māori"],
        region="Gisborne", country="NZ", years=19,
        interests="Inquiry-based science online, culturally sustaining practice, mentoring across distance.",
        tags=["science inquiry", "online pedagogy", "kaupapa Māori"],
        bio="I taught chemistry in a kura and then online for a decade. These days I mentor new teachers across the motu and still teach two senior classes.",
    ),
    dict(
        email="mentor2", name="David Okonkwo-Reid", pronouns="he/him", tz=NZ,
        school="Ōtepoti Primary Network", sector="primary",
        position="Virtual mentor", subjects=["Literacy", "Structured literacy", "Oral language"],
        region="Otago", country="NZ", years=16,
        interests="Early reading, oral language in multilingual classrooms, making coaching conversations short and useful.",
        tags=["literacy", "multilingual learners", "coaching"],
        bio="Primary teacher and reading specialist. I like a good GROW conversation and a clear next step.",
    ),
    dict(
        email="mentor3", name="Hyun-woo Park", pronouns="he/him", tz=NZ,
        school="Aoraki Online School", sector="secondary",
        position="Virtual mentor and maths lead", subjects=["Mathematics", "Statistics", "Digital technologies"],
        region="Canterbury", country="NZ", years=12,
        interests="Feedback in asynchronous maths courses, students who study alone, data for teachers.",
        tags=["mathematics", "asynchronous learning", "feedback"],
        bio="I run an online maths department whose students log in from farms, boats and hospitals. Happy to talk about feedback that students actually read.",
    ),
    dict(
        email="facilitator", name="Sione Taufa", pronouns="he/him", tz=NZ,
        school="Kahikatea Professional Learning Trust", sector="other",
        position="Community facilitator", subjects=["Digital citizenship", "Pacific education"],
        region="Auckland", country="NZ", years=10,
        interests="Communities of practice that people return to; celebrating small wins publicly.",
        tags=["community", "newsletters", "webinars"],
        bio="I look after our online community: the forums, the monthly newsletter and the webinars. Send me your stories.",
    ),
    dict(
        email="researcher", name="Dr Imogen Fairweather", pronouns="she/her", tz=NZ,
        school="University of the Lower North", sector="tertiary",
        position="Senior lecturer, education research", subjects=["Teacher education", "Research methods"],
        region="Wellington", country="NZ", years=15,
        interests="Longitudinal stories of change in teachers' practice; self-efficacy; ethical data.",
        tags=["research", "self-efficacy", "mixed methods"],
        bio="I run the evaluation of the programme, including the surveys in January, June and November.",
    ),
    dict(
        email="supervisor", name="Graham Whitcombe", pronouns="he/him", tz=NZ,
        school="Kahikatea Professional Learning Trust", sector="other",
        position="Mentor supervisor", subjects=["Coaching supervision", "Leadership"],
        region="Nelson", country="NZ", years=31,
        interests="Supervising mentors at a distance; boundaries and dependency in mentoring relationships.",
        tags=["supervision", "coaching", "leadership"],
        bio="I supervise our mentors and coach the developing mentors in their third year.",
    ),
    dict(
        email="outsider", name="Tomás Alvarez", pronouns="", tz="America/Edmonton",
        school="Peace River Distance Learning", sector="secondary",
        position="Social studies teacher", subjects=["Social studies", "History"],
        region="Alberta", country="CA", years=6,
        interests="Project-based learning online; looking for a community of other distance teachers.",
        tags=["project-based learning", "distance education"],
        bio="",
    ),
]

MENTEES: list[dict[str, Any]] = [
    dict(email="mentee", name="Kiri Walker", pronouns="she/her", tz=NZ,
         school="Ruatoria Area School", sector="secondary", position="Beginning teacher, Year 1",
         subjects=["Biology", "Science"], region="Gisborne", country="NZ", years=1,
         interests="Keeping Year 10 science practical when half the class joins remotely; managing my workload in my first year.",
         tags=["practical science", "workload", "hybrid classes"],
         bio="First-year teacher back home on the East Coast. I teach junior science and senior biology."),
    dict(name="Liam O'Sullivan", pronouns="he/him", tz=NZ, school="Haast School", sector="primary",
         position="Sole-charge teacher", subjects=["Literacy", "Numeracy", "Outdoor education"],
         region="West Coast", country="NZ", years=3,
         interests="Multi-level planning for a class of eleven learners aged five to twelve.",
         tags=["multi-level teaching", "small schools"], bio=""),
    dict(name="Anahera Pōtae", pronouns="she/her", tz=NZ, school="Te Kura Kaupapa o Ōtaki", sector="primary",
         position="Kaiako", subjects=["Te reo Māori", "Pāngarau"], region="Wellington", country="NZ", years=4,
         interests="Assessment in te reo Māori that whānau can follow at home.",
         tags=["assessment", "whānau engagement"], bio="Kaiako in a kura; pāngarau is my passion."),
    dict(name="Priya Raman", pronouns="she/her", tz=NZ, school="Aoraki Online School", sector="secondary",
         position="Online mathematics teacher", subjects=["Mathematics", "Calculus"], region="Canterbury",
         country="NZ", years=2, interests="Getting students to ask questions in an asynchronous course.",
         tags=["questioning", "asynchronous learning"], bio=""),
    dict(name="Ben Fotheringham", pronouns="he/him", tz=NZ, school="Chatham Islands School", sector="secondary",
         position="Teacher of English", subjects=["English", "Media studies"], region="Chatham Islands",
         country="NZ", years=2, interests="Teaching senior English to four students and keeping them connected to a wider cohort.",
         tags=["small cohorts", "writing"], bio="I live on Rēkohu and teach English to a handful of seniors."),
    dict(name="Maria Teresa Santos", pronouns="she/her", tz="Australia/Darwin", school="Katherine School of the Air",
         sector="primary", position="Distance education teacher", subjects=["Literacy", "Science"],
         region="Northern Territory", country="AU", years=5,
         interests="Radio-and-video lessons for children on cattle stations; coaching home tutors.",
         tags=["distance education", "home tutors"], bio=""),
    dict(name="Jack Tūhoe-Harris", pronouns="he/him", tz=NZ, school="Murupara Area School", sector="secondary",
         position="Beginning teacher, Year 2", subjects=["Physical education", "Health"], region="Bay of Plenty",
         country="NZ", years=2, interests="Behaviour and relationships with Year 9 boys; coaching sport online in lockdowns.",
         tags=["relationships", "behaviour"], bio=""),
    dict(name="Ngaio Fleming", pronouns="she/they", tz=NZ, school="Stewart Island School", sector="primary",
         position="Teaching principal", subjects=["Science", "Environmental education"], region="Southland",
         country="NZ", years=8, interests="Leading a tiny school while still teaching full time; local curriculum with the community.",
         tags=["leadership", "local curriculum"], bio="Teaching principal on Rakiura. Sea, birds and twelve great kids."),
    dict(name="Samuel Adeyemi", pronouns="he/him", tz="Europe/London", school="Highlands Virtual Academy",
         sector="secondary", position="Online physics teacher", subjects=["Physics", "Engineering"],
         region="Scotland", country="GB", years=3, interests="Remote labs and simulations that actually teach something.",
         tags=["remote labs", "simulations"], bio=""),
    dict(name="Hana Kawhia", pronouns="she/her", tz=NZ, school="Ōpōtiki Kindergarten", sector="early_childhood",
         position="Kaiako, early childhood", subjects=["Early literacy", "Play-based learning"], region="Bay of Plenty",
         country="NZ", years=2, interests="Documenting learning stories without losing the afternoon to paperwork.",
         tags=["learning stories", "documentation"], bio=""),
    dict(name="Ethan Brooks", pronouns="he/him", tz="America/Anchorage", school="Yukon Flats Correspondence School",
         sector="secondary", position="Correspondence teacher", subjects=["History", "Geography"],
         region="Alaska", country="US", years=1, interests="Feedback on written work by mail and by video message.",
         tags=["feedback", "correspondence"], bio=""),
    dict(name="Losana Vakacegu", pronouns="she/her", tz="Pacific/Fiji", school="Pacific Open Learning Centre",
         sector="tertiary", position="Tutor, teacher education", subjects=["Education", "Literacy"],
         region="Central Division", country="FJ", years=7, interests="Supporting trainee teachers on outer islands.",
         tags=["teacher education", "island schools"], bio=""),
    dict(name="Tom Whiteley", pronouns="he/him", tz=NZ, school="Twizel Area School", sector="secondary",
         position="Head of technology", subjects=["Digital technologies", "Hard materials"], region="Canterbury",
         country="NZ", years=9, interests="Being a new head of department with a team of one.",
         tags=["middle leadership", "digital technologies"], bio=""),
    dict(name="Aisha Rahimi", pronouns="she/her", tz=NZ, school="Northland Online Secondary", sector="secondary",
         position="Online teacher of Economics", subjects=["Economics", "Accounting"], region="Northland",
         country="NZ", years=2, interests="Motivation of learners who study alone; building a class culture online.",
         tags=["motivation", "online community"], bio=""),
    dict(name="Rangi Te Whata", pronouns="he/him", tz=NZ, school="Te Araroa School", sector="primary",
         position="Beginning teacher, Year 1", subjects=["Literacy", "Te reo Māori"], region="Gisborne",
         country="NZ", years=1, interests="Teaching reading to Year 3 and 4 in a bilingual unit.",
         tags=["reading", "bilingual education"], bio=""),
    dict(name="Sophie Laurent", pronouns="she/her", tz="Pacific/Noumea", school="Collège de Poindimié",
         sector="secondary", position="English language teacher", subjects=["English", "French"],
         region="Province Nord", country="NC", years=4, interests="Speaking practice for language learners over poor connections.",
         tags=["languages", "low bandwidth"], bio=""),
    dict(name="Grace McAllister", pronouns="she/her", tz=NZ, school="Tapawera Area School", sector="secondary",
         position="Teacher of Art", subjects=["Visual arts", "Design"], region="Tasman", country="NZ", years=11,
         interests="Moving into mentoring others myself; critique online without hurting feelings.",
         tags=["critique", "becoming a mentor"], bio="Year 3 of the programme: now a developing mentor."),
    dict(name="Wiremu Hēnare", pronouns="he/him", tz=NZ, school="Kaitaia College", sector="secondary",
         position="Beginning teacher, Year 2", subjects=["Mathematics"], region="Northland", country="NZ", years=2,
         interests="Mathematical discussion with students who are shy on camera.",
         tags=["discussion", "camera-off learners"], bio=""),
    dict(name="Chloé Tremblay", pronouns="she/her", tz="America/Toronto", school="Moosonee Virtual Secondary",
         sector="secondary", position="Online teacher of Chemistry", subjects=["Chemistry", "Science"],
         region="Ontario", country="CA", years=3, interests="Academic honesty in online assessment; lab reports.",
         tags=["assessment", "academic integrity"], bio=""),
    dict(name="Mose Leota", pronouns="he/him", tz="Pacific/Apia", school="Savai'i Distance Learning Centre",
         sector="secondary", position="Teacher of Samoan and Social studies", subjects=["Samoan", "Social studies"],
         region="Savai'i", country="WS", years=6, interests="Resources in Samoan for online learners.",
         tags=["resources", "Pacific languages"], bio=""),
]

PROGRAMME_DESCRIPTION = """\
A three-year programme of virtual mentoring for teachers in remote, rural and online schools.

- **Years 1–2:** you work on goals you choose, with a mentor you meet online once a month for 45–90 minutes,
  and message between meetings.
- **Year 3 (optional):** you may become a *developing mentor* and support a newer colleague, while keeping
  your own mentor.
- **The community:** blogs, forums and webinars shared with educators from other programmes; some groups stay
  private to the cohort.

Surveys in January, June and November help us learn what changes — taking part in the research is optional.
"""

COACHING_DESCRIPTION = """\
A small coaching circle for our mentors. Each mentor is coached by a supervisor on their own mentoring:
coachee-led, open questions, and a cycle of trying something, noticing what happened and reflecting on it.
"""
