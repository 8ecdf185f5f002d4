#!/usr/bin/env python3
"""Deterministic generator of news-like pages for benchmarking factlint and its peers.

Every page is assembled from invented vocabulary and sentence templates written for this file:
mostly neutral reporting, with sourced and unsourced figures, attributed and unattributed
quotations, scare quotes and absolute claims (some hedged or carried by a source) mixed in, the way
a local news site's archive reads. HTML pages carry the markup static-site generators and news
sites really emit (head full of meta tags, JSON-LD, inline analytics, big menus, related stories,
footers, trailing scripts), so markup is most of the bytes; Markdown pages are front matter plus
a body in the same spirit.

    gen_pages.py --out DIR --pages N [--size-kb K] [--format html|markdown|mixed]
                 [--style hugo|jekyll|eleventy|mkdocs|pelican|mixed] [--seed S] [--dense]
    gen_pages.py --single-mb M --out FILE [--format ...] [--style ...] [--seed S] [--dense]

The same arguments give byte-identical output: every choice comes from random.Random seeded with a
string (hashed with SHA-512 by Python, independent of PYTHONHASHSEED), one generator per page, so
page i is the same whether 10 or 1,000 pages are asked for. Python 3.11 standard library only.
"""
import argparse
import html
import json
import os
import random
import sys

STYLES = ["hugo", "jekyll", "eleventy", "mkdocs", "pelican"]

# ---------------------------------------------------------------------------------------------
# Vocabulary (invented places, organisations, outlets and products; common given names)

FIRST = ["Amara", "Tobias", "Ines", "Rafael", "Mirela", "Owen", "Priya", "Jonas", "Leila", "Marcus",
         "Hannah", "Teodor", "Yusuf", "Clara", "Desmond", "Noor", "Felix", "Rosa", "Aidan", "Sunita",
         "Gareth", "Mei", "Bruno", "Lucia", "Kwame", "Elspeth", "Dario", "Ingrid", "Samir", "Fiona",
         "Haruto", "Beatriz", "Callum", "Zofia", "Ethan", "Adaeze", "Milan", "Greta", "Ravi", "Ottilie"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Castellano", "Brennan", "Haddad", "Vasquez", "Thornbury",
        "Nakamura", "Kowalczyk", "Abernathy", "Ferreira", "Delacroix", "Mbeki", "Sorensen", "Quill",
        "Petrakis", "Ashdown", "Varga", "Oyelaran", "Whitcombe", "Rasmussen", "Tanaka", "Gallo",
        "Marchetti", "Holloway", "Achterberg", "Demir", "Strand", "Villanueva", "Kerrigan", "Balogun"]
PLACES = ["Wrenfield", "Port Alder", "Marrow Bay", "Eastholm", "Cindervale", "Lowmoor", "Greyhaven",
          "Pell Crossing", "Sutter Point", "Oakmere", "Kilbride Heights", "New Tamsin", "Ferrisburg",
          "Holloway Junction", "Brackenmouth", "Stellan Falls", "Quarry Hill", "Tolliver"]
STREETS = ["Mill Street", "Harbour Road", "Canal Walk", "Station Avenue", "Orchard Lane", "Quay Street",
           "Beacon Parade", "Tanner's Row", "North Esplanade", "Lindley Road", "Market Square"]
AGENCIES = ["the Harbor Transit Authority", "the state Department of Water Resources",
            "the Marrow County Health Board", "the Office for Regional Statistics",
            "the Wrenfield Chamber of Commerce", "the Coastal Fisheries Council",
            "the Bureau of Freight Statistics", "the Eastholm School District",
            "the Regional Housing Agency", "the Port Alder Police Department",
            "the Valley Energy Regulator", "the National Rail Safety Board",
            "the Lowmoor Planning Commission", "the Institute for Fiscal Review"]
COMPANIES = ["Kestrel Labs", "Halvorsen Foods", "Brightwater Energy", "Ostrava Mobile", "Pinecrest Bank",
             "Tallis & Moore", "Verdant Grid", "Northgate Logistics", "Lumen Freight", "Corvid Systems",
             "Bellwether Insurance", "Saltmarsh Brewing", "Orrin Pharmaceuticals", "Quayside Media"]
OUTLETS = ["the Wrenfield Courier", "Harbor Radio", "the Evening Ledger", "Channel 9 News",
           "the Valley Sentinel", "the Port Alder Gazette", "Coastline Public Radio"]
UNIVERSITIES = ["Alder State University", "the University of Port Linden", "Carrow Institute of Technology",
                "Greyhaven College", "the Marrow Bay School of Public Health"]
ROLES = ["a spokesperson for {agency}", "chief executive of {company}", "the mayor of {place}",
         "a professor of economics at {univ}", "the council's finance chair", "head of research at {company}",
         "a nurse at Greyhaven General", "the union's regional secretary", "a councillor for {place}",
         "director of operations at {company}", "a researcher at {univ}", "chair of {agency}"]
THINGS = ["the ferry service", "the downtown bus loop", "the water treatment plant", "the new library wing",
          "the school lunch program", "the riverside housing project", "the stadium renovation",
          "the broadband rollout", "the maternity ward", "the recycling scheme", "the bridge repairs",
          "the tram extension", "the solar farm", "the property tax rebate", "the flood barrier",
          "the night bus network", "the harbour dredging contract", "the clinic merger"]
METRICS = ["ridership", "median rent", "enrolment", "average wait times", "the jobless rate", "home sales",
           "household power bills", "emergency admissions", "tourist numbers", "crop yields",
           "ticket sales", "delivery times", "reported burglaries", "water use", "freight volumes",
           "food bank visits", "hotel bookings", "ambulance response times"]
PRODUCTS = ["the Vela X2 phone", "the Corvid Halo router", "the Lumen K7 e-bike", "the Pinecrest Flex account",
            "the Brightwater home battery", "the Ostrava Nimbus tablet", "the Kestrel S9 chip",
            "the Saltmarsh Dark Harbour stout", "the Orrin ClearDose inhaler"]
CATEGORIES = ["phone", "router", "e-bike", "savings account", "battery", "tablet", "chip", "beer", "inhaler"]
FIELDS = ["transport", "banking", "farming", "medicine", "energy storage", "logistics", "retail", "publishing"]
SUBJECTS = ["civil engineering", "history", "marine biology", "accounting", "nursing", "architecture", "law"]
SECTIONS = ["News", "Politics", "Business", "Science", "Health", "Sport", "Culture", "Climate",
            "Technology", "Opinion", "Local", "Education", "Transport", "Property", "Food", "Travel"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SEASONS = ["spring", "summer", "autumn", "winter", "the end of the year", "next spring"]
SCARE = ["reset", "efficiency drive", "modernisation", "pause", "right-sizing", "fresh start",
         "temporary measure", "community dividend", "streamlining", "listening exercise", "refresh"]
TEAMS = ["the Wrenfield Rovers", "Port Alder United", "the Marrow Bay Mariners", "Eastholm Athletic",
         "the Cindervale Comets"]
EVENTS = ["the storm", "the strike", "the heatwave", "the festival weekend", "the by-election", "the flood"]
BUILDINGS = ["town hall", "the community centre", "the old customs house", "the leisure centre",
             "the county courthouse", "the public library", "the fire station"]
EXPENSES = ["heating", "childcare", "groceries", "bus fares", "water", "broadband", "school uniforms"]

# Quotations are stitched from these pieces.
# Subjects all take a plural verb, so any subject goes with any verb phrase.
Q_SUBJ = ["We", "Our crews", "The families on this street", "They", "People here", "Parents",
          "Our members", "Small businesses", "My neighbours", "The drivers"]
Q_VERB = ["have waited long enough for", "are not going to give up on", "deserve a straight answer about",
          "were never consulted on", "have done what we could to protect", "need more time to sort out",
          "can't keep paying for", "are proud of", "want to see real progress on", "have real questions about",
          "will keep pushing for", "were caught off guard by"]
Q_OBJ = ["{thing}", "this neighbourhood", "the people who rely on it", "the budget", "the harbour",
         "our kids", "the night shift", "the plan", "what happens next", "the old mill site"]
Q_WHOLE = ["It's a start, but it's not enough", "Nobody saw this coming", "We'll keep at it",
           "This is about trust, and trust takes time", "Give us the tools and we'll get it done",
           "I'm cautiously hopeful", "We hear the concerns and we're taking them seriously",
           "It has been a long winter for everyone in the trade", "The details matter here",
           "We were told one thing and then another", "I didn't expect the room to be that full",
           "You can't run a port on goodwill"]

# ---------------------------------------------------------------------------------------------
# Sentence templates. Placeholders are filled by Vocab.fill; \ue000…\ue001 marks a link and
# \ue002 a footnote reference, \ue003…\ue004 emphasis (rendered per output format).

LINK_OPEN, LINK_CLOSE, FOOTNOTE, EM_OPEN, EM_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"

NEUTRAL = [
    "The council met on {weekday} evening to discuss {thing}.",
    "Residents lined up outside {building} well before the doors opened.",
    "{Person} has lived in {place} since childhood.",
    "The proposal now goes to a committee for review.",
    "Work on {thing} is scheduled to begin in {month}.",
    "Several shops along {street} closed early as the weather turned.",
    "The meeting ran late, and a final vote was postponed.",
    "{Person} walked reporters through the site on {weekday}.",
    "{Agency} did not respond to a request for comment.",
    "The route links {place} with {place2} along the old rail corridor.",
    "Construction crews spent the morning clearing debris from the riverbank.",
    "Parents gathered at the school gates to collect their children.",
    "The plan would also add bike lanes on {street}.",
    "Details of the agreement have not been made public.",
    "A public hearing is set for {month} {day}.",
    "{Person} joined {company} after a career in {field}.",
    "The two sides are expected to meet again next week.",
    "Volunteers handed out water and maps at the finish line.",
    "The building, a former textile mill, has stood empty since {year}.",
    "The board will publish its decision on its website.",
    "{Surname} grew up in {place} and studied {subject} at {univ}.",
    "It was not immediately clear when the service would resume.",
    "The committee heard from farmers, teachers and shop owners.",
    "Traffic was diverted around {street} for much of the afternoon.",
    "The vote followed months of negotiation between the council and {company}.",
    "Questions remain about who will maintain {thing} once it opens.",
    "{Surname}, who chairs the residents' association, asked for the minutes to be published.",
    "The ferry resumed its normal timetable on {weekday} morning.",
    "Inspectors visited the site twice in {month}.",
    "The company has offices in {place} and {place2}.",
    "A small crowd gathered on the steps of {building} as the result was read out.",
    "Students from {univ} helped collect the signatures.",
    "The road will close to through traffic from {month} until the work is finished.",
    "{Person} declined to say whether the contract would be renewed.",
    "The museum reopened its east gallery after repairs to the roof.",
    "Fishing boats stayed in the harbour as the wind picked up.",
    "The new timetable takes effect on the first {weekday} of {month}.",
    "Both candidates spent the final weekend knocking on doors in {place}.",
    "The school will hold an open evening for parents in {month}.",
    "Lawyers for the tenants filed their response on {weekday}.",
    "The match was delayed by rain before {team} took an early lead.",
    "A memorial service will be held at {building} on {weekday}.",
    "The recycling depot on {street} will keep its weekend hours.",
    "Crews worked through the night to restore power to homes in {place}.",
    "The report was presented to councillors behind closed doors.",
    "It is the second time this year that the line has been suspended.",
    "{Surname} said she would take the questions back to her colleagues.",
    "The hospital asked visitors to wear masks on the children's ward.",
    "A decision on {thing} is not expected before {season}.",
    "The festival moved to the park after complaints about noise on {street}.",
]
OPENERS = ["On {weekday}, ", "Earlier this month, ", "By late afternoon, ", "In {place}, ", "Meanwhile, ",
           "Still, ", "For now, ", "Last {month}, ", "At the time, ", "Since then, ", "After the vote, "]

FIGURE_UNSOURCED = [
    "{Metric} rose {pct} last year.",
    "The project is expected to cost {money}.",
    "{Metric} in {place} {mult} between {year} and {year2}.",
    "About {ratio} residents now drive to work.",
    "The average household spends {money_small} a month on {expense}.",
    "Sales at {company} climbed {pct} in the third quarter.",
    "In the first week, {count} people signed up.",
    "The district lost {pct} of its teachers in two years.",
    "{Metric} fell by {pct} after the change.",
    "The upgrade will save the city {money} over a decade.",
    "Demand for {thing} has {mult} since it opened.",
    "{Fraction} tenants in {place} spend more than a third of their income on rent.",
    "The fund has already paid out {money} to {count} applicants.",
    "Prices at the pump are up {pct} on a year ago.",
]
FIGURE_SOURCED = [
    "{Metric} rose {pct} last year, according to {agency}.",
    "{Agency} said the project would cost {money}.",
    "According to figures from {agency}, {metric} {mult} between {year} and {year2}.",
    "A survey by {agency} found that {ratio} residents back the plan.",
    "{Company} reported revenue of {money} for the quarter, up {pct} from a year earlier.",
    "{Metric} fell {pct} in {month}, " + LINK_OPEN + "data from {agency}" + LINK_CLOSE + " show.",
    "The scheme has cost {money} so far." + FOOTNOTE,
    "{Metric} in {place} climbed {pct} over the summer, {agency} said in its annual report.",
    "An analysis by {univ} put the cost of the delays at {money}.",
    "The agency counted {count} complaints in {year}, up from {count2} the year before, " + LINK_OPEN
    + "its annual report shows" + LINK_CLOSE + ".",
    "Demand {mult} in two years, {company} said in a filing on {weekday}.",
]
QUOTE_VENUE = [
    "“{quote},” {person}, {role}, said in a statement.",
    "“{quote},” {surname} told {outlet}.",
    "{Person}, {role}, said at {weekday}'s hearing: “{quote}.”",
    "“{quote},” {person} said in an interview with {outlet}.",
    "“{quote},” {surname} said on {outlet_radio} on {weekday}.",
    "Speaking at a press conference, {person} said: “{quote}.”",
    "“{quote},” {person} wrote in a letter to residents.",
]
QUOTE_SPEAKER = [
    "“{quote},” {person} said.",
    "“{quote},” said {person}, {role}.",
    "{Person} put it simply: “{quote}.”",
    "“{quote},” {surname} added.",
]
QUOTE_NONE = [
    "“{quote}.”",
    "“{quote},” one resident said.",
    "As a sign taped to the window put it, “{quote}.”",
    "“{quote},” a shop owner on {street} said.",
]
SCARE_QUOTES = [
    "The council's so-called “{scare}” has divided residents.",
    "Supporters call it a “{scare},” but the details remain thin.",
    "The cuts were announced as part of a “{scare}” at {company}.",
    "What the board calls a “{scare}” means fewer buses after dark.",
]
ABSOLUTE = [
    "{Product} is the best {category} ever made.",
    "Everyone knows {thing} was a mistake.",
    "The new pumps never fail, even in winter storms.",
    "Its customer service is unmatched.",
    "The engineers at {company} are truly world-class.",
    "Nothing else on the market comes close.",
    "The new playground surface is 100% safe for toddlers.",
    "Prices are bound to fall by {season}.",
    "This is undeniably the future of {field}.",
    "{Place} has the cleanest beaches in the country.",
    "The treatment completely eliminates the need for surgery.",
    "It is the world's first tidal-powered ferry.",
    "Nobody in the league can match her pace.",
    "The festival is the biggest event on the coast.",
    "{Company} is the only firm that can build it.",
    "Without a doubt, {thing} will transform the town.",
    "The new system will never need replacing.",
    "There is no downside for families.",
]
ABSOLUTE_CLEARED = [
    "It could be one of the largest investments in the region.",
    "{Agency} said it was the wettest spring since {year}.",
    "The plan may be the most ambitious in a decade, analysts at {company} said in a note to clients.",
    "Some engineers think the design might be among the safer options available.",
    "{Person}, who coached the side for a decade, never learned to drive.",
    "The film won Best Picture at the {place} Film Awards.",
    "Her best-selling memoir returns in paperback this month.",
    "Is this really the best {category} on the market?",
    "It is not the only option the council is weighing.",
    "She always walked to work along the river.",
]

NORMAL_WEIGHTS = [("neutral", 62), ("fig_u", 7), ("fig_s", 8), ("q_venue", 7), ("q_speaker", 3),
                  ("q_none", 2), ("scare", 2), ("abs", 5), ("abs_ok", 4)]
DENSE_WEIGHTS = [("neutral", 4), ("fig_u", 18), ("fig_s", 14), ("q_venue", 10), ("q_speaker", 8),
                 ("q_none", 7), ("scare", 7), ("abs", 20), ("abs_ok", 12)]
KIND_TEMPLATES = {"neutral": NEUTRAL, "fig_u": FIGURE_UNSOURCED, "fig_s": FIGURE_SOURCED,
                  "q_venue": QUOTE_VENUE, "q_speaker": QUOTE_SPEAKER, "q_none": QUOTE_NONE,
                  "scare": SCARE_QUOTES, "abs": ABSOLUTE, "abs_ok": ABSOLUTE_CLEARED}

HEADLINES = ["{Place} council approves {thing} after long debate", "{Company} to cut jobs as {metric} slows",
             "Inside the fight over {thing}", "{Place} braces for {event}",
             "What the vote on {thing} means for {place}", "{Agency_cap} warns over {metric}",
             "Delays mount for {thing} in {place}", "{Team_cap} seal late win in {place}",
             "Questions grow over {thing} contract", "{Company} opens new site in {place}",
             "Residents push back on plans for {street}", "A quiet week on {street}, then the water came"]
DEKS = ["Councillors split over cost and timing as residents crowd the chamber.",
        "The decision follows months of talks and a petition from local businesses.",
        "Officials say the work is on track; neighbours are not so sure.",
        "What we know so far, and what happens next.",
        "A look at the numbers behind the headlines.",
        "The change takes effect next month."]


def cap(s):
    return s[:1].upper() + s[1:]


class Vocab:
    """Fills template placeholders from one page's random generator."""

    def __init__(self, rng):
        self.r = rng
        self.people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(6)]
        self.place = rng.choice(PLACES)

    def person(self):
        return self.r.choice(self.people) if self.r.random() < 0.7 else f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def pct(self):
        r = self.r
        n = r.randint(2, 68)
        form = r.random()
        if form < 0.55:
            return f"{n}%"
        if form < 0.8:
            return f"{n}.{r.randint(1, 9)}%"
        return f"{n} percent"

    def money(self):
        r = self.r
        sym = r.choice(["$", "$", "$", "£", "€"])
        form = r.random()
        if form < 0.5:
            return f"{sym}{r.randint(1, 90)}.{r.randint(1, 9)} million"
        if form < 0.7:
            return f"{sym}{r.randint(1, 14)} billion"
        if form < 0.9:
            return f"{sym}{r.randint(120, 990)},{r.randint(0, 9)}00"
        return f"{sym}{r.randint(2, 40)}m"

    def count(self):
        r = self.r
        n = r.randint(1200, 98000)
        s = f"{n:,}"
        return r.choice(["", "more than ", "about ", "nearly "]) + s

    def value(self, name):
        r = self.r
        simple = {
            "place": lambda: self.place if r.random() < 0.5 else r.choice(PLACES),
            "place2": lambda: r.choice(PLACES),
            "street": lambda: r.choice(STREETS),
            "agency": lambda: r.choice(AGENCIES),
            "company": lambda: r.choice(COMPANIES),
            "outlet": lambda: EM_OPEN + r.choice(OUTLETS) + EM_CLOSE,
            "outlet_radio": lambda: r.choice(["Harbor Radio", "Coastline Public Radio", "Channel 9 News"]),
            "univ": lambda: r.choice(UNIVERSITIES),
            "thing": lambda: r.choice(THINGS),
            "metric": lambda: r.choice(METRICS),
            "product": lambda: r.choice(PRODUCTS),
            "category": lambda: r.choice(CATEGORIES),
            "field": lambda: r.choice(FIELDS),
            "subject": lambda: r.choice(SUBJECTS),
            "weekday": lambda: r.choice(WEEKDAYS),
            "month": lambda: r.choice(MONTHS),
            "day": lambda: str(r.randint(1, 28)),
            "year": lambda: str(r.randint(2009, 2016)),
            "year2": lambda: str(r.randint(2019, 2024)),
            "season": lambda: r.choice(SEASONS),
            "scare": lambda: r.choice(SCARE),
            "team": lambda: r.choice(TEAMS),
            "event": lambda: r.choice(EVENTS),
            "building": lambda: r.choice(BUILDINGS),
            "expense": lambda: r.choice(EXPENSES),
            "person": self.person,
            "surname": lambda: self.person().split()[-1],
            "pct": self.pct,
            "money": self.money,
            "money_small": lambda: f"${r.randint(40, 480)}",
            "count": self.count,
            "count2": self.count,
            "mult": lambda: r.choice(["doubled", "tripled", "quadrupled", "rose fivefold", "roughly doubled"]),
            "ratio": lambda: r.choice(["two in three", "one in five", "three in four", "one in three", "four in ten"]),
            "fraction": lambda: r.choice(["a majority of", "nearly half of", "two-thirds of", "a quarter of"]),
            "role": lambda: self.fill(r.choice(ROLES)),
            "quote": self.quote,
        }
        if name in simple:
            return simple[name]()
        low = name[0].lower() + name[1:]
        if low.endswith("_cap"):
            return cap(self.value(low[:-4]))
        if low in simple:
            return cap(simple[low]())
        raise KeyError(name)

    def quote(self):
        r = self.r
        if r.random() < 0.35:
            return r.choice(Q_WHOLE)
        return f"{r.choice(Q_SUBJ)} {r.choice(Q_VERB)} {self.fill(r.choice(Q_OBJ))}"

    def fill(self, template):
        out, i = [], 0
        while True:
            j = template.find("{", i)
            if j < 0:
                out.append(template[i:])
                return "".join(out)
            k = template.index("}", j)
            out.append(template[i:j])
            out.append(self.value(template[j + 1:k]))
            i = k + 1


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for name, w in pairs:
        x -= w
        if x < 0:
            return name
    return pairs[-1][0]


def sentence(v, dense, used=None):
    r = v.r
    kind = weighted(r, DENSE_WEIGHTS if dense else NORMAL_WEIGHTS)
    template = r.choice(KIND_TEMPLATES[kind])
    if used is not None:
        for _ in range(8):  # rarely the same template twice in one paragraph
            if template not in used:
                break
            template = r.choice(KIND_TEMPLATES[kind])
        used.add(template)
    s = v.fill(template)
    # Some neutral sentences get an opener ("On Tuesday, the meeting ..."); only those starting
    # with an article, so names keep their capital.
    if kind == "neutral" and s.startswith(("The ", "A ")) and r.random() < 0.3:
        s = v.fill(r.choice(OPENERS)) + s[0].lower() + s[1:]
    return s


def paragraph(v, dense):
    used = set()
    return " ".join(sentence(v, dense, used) for _ in range(v.r.randint(2, 5)))


def visible(s):
    return s.replace(LINK_OPEN, "").replace(LINK_CLOSE, "").replace(FOOTNOTE, "").replace(EM_OPEN, "").replace(EM_CLOSE, "")


def slugify(s):
    out = []
    for ch in s.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:60]


# ---------------------------------------------------------------------------------------------
# The article as neutral blocks, rendered to HTML or Markdown.

class Article:
    def __init__(self, v, dense, text_budget, section):
        r = v.r
        self.v = v
        self.section = section
        self.headline = v.fill(r.choice(HEADLINES))
        self.dek = r.choice(DEKS)
        self.author = v.person()
        self.author2 = v.person() if r.random() < 0.3 else None
        y, mo, d = r.randint(2021, 2024), r.randint(1, 12), r.randint(1, 28)
        self.date = (y, mo, d, r.randint(5, 22), r.randint(0, 59))
        self.tags = sorted({r.choice(THINGS).replace("the ", "") for _ in range(r.randint(2, 6))})
        self.blocks = []
        self.footnotes = []
        self.text_len = 0
        first = True
        since_head = 0
        while self.text_len < text_budget:
            x = r.random()
            if first:
                block = ("p", v.place.upper() + " — " + paragraph(v, dense))
                first = False
            elif since_head >= r.randint(4, 8):
                block = ("h2", cap(v.fill(r.choice(["What happens to {thing}", "The cost", "Reaction in {place}",
                                                     "How we got here", "What comes next", "Who pays",
                                                     "The view from {street}", "Numbers behind the plan"]))))
                since_head = 0
            elif x < 0.05:
                block = ("figure", v.fill("{thing}"), cap(v.fill(r.choice(NEUTRAL))), v.person())
            elif x < 0.09:
                block = ("blockquote", v.quote() + ".", v.person() if r.random() < 0.6 else None,
                         v.fill("{outlet}") if r.random() < 0.5 else None)
            elif x < 0.13:
                kind = r.choice(["ul", "ol"])
                block = (kind, [sentence(v, dense) for _ in range(r.randint(3, 6))])
            elif x < 0.155:
                block = ("table", self.table(), v.fill("{agency}") if r.random() < 0.6 else None)
            elif x < 0.19:
                block = ("ad", r.randint(1, 9))
            else:
                block = ("p", paragraph(v, dense))
            texts = self.block_text(block)
            for _ in range(sum(t.count(FOOTNOTE) for t in texts)):  # one note per reference, in order
                self.footnotes.append(f"{cap(v.fill('{agency}'))}, {v.fill('{metric}')} report, "
                                      f"{r.choice(MONTHS)} {r.randint(2018, 2024)}.")
            self.blocks.append(block)
            self.text_len += sum(len(visible(t)) for t in texts)
            since_head += 1

    def table(self):
        r = self.v.r
        places = r.sample(PLACES, r.randint(3, 7))
        head = ["Area", cap(r.choice(METRICS)), "Change"]
        rows = [[p, f"{r.randint(100, 9999):,}", f"{r.choice(['+', '-'])}{r.randint(1, 40)}%"] for p in places]
        return head, rows

    @staticmethod
    def block_text(block):
        t = block[0]
        if t in ("p", "h2"):
            return [block[1]]
        if t == "figure":
            return [block[2], block[3]]
        if t == "blockquote":
            return [block[1]] + [x for x in block[2:] if x]
        if t in ("ul", "ol"):
            return block[1]
        if t == "table":
            head, rows = block[1]
            return head + [c for row in rows for c in row] + ([block[2]] if block[2] else [])
        return []


def inline_html(s, footnote_counter):
    s = html.escape(s, quote=False)
    while LINK_OPEN in s:
        url = f"https://data.{slugify(s[:24]) or 'open'}.example.org/reports/{len(s) % 97}"
        s = s.replace(LINK_OPEN, f'<a href="{url}" rel="noopener" target="_blank">', 1).replace(LINK_CLOSE, "</a>", 1)
    while FOOTNOTE in s:
        footnote_counter[0] += 1
        n = footnote_counter[0]
        s = s.replace(FOOTNOTE, f'<sup class="footnote-ref" id="fnref-{n}"><a href="#fn-{n}">{n}</a></sup>', 1)
    return s.replace(EM_OPEN, "<em>").replace(EM_CLOSE, "</em>")


def inline_md(s, footnote_counter):
    while LINK_OPEN in s:
        i, j = s.index(LINK_OPEN), s.index(LINK_CLOSE)
        s = s[:i] + "[" + s[i + 1:j] + f"](https://data.example.org/reports/{j % 89})" + s[j + 1:]
    while FOOTNOTE in s:
        footnote_counter[0] += 1
        s = s.replace(FOOTNOTE, f"[^{footnote_counter[0]}]", 1)
    return s.replace(EM_OPEN, "*").replace(EM_CLOSE, "*")


def svg_icon(r, size=24):
    pts = "M" + " L".join(f"{r.randint(0, size * 10) / 10} {r.randint(0, size * 10) / 10}"
                          for _ in range(r.randint(6, 18)))
    return (f'<svg class="icon" width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true" '
            f'focusable="false"><path fill="currentColor" d="{pts}Z"/></svg>')


def img(r, alt, cls, widths=(320, 640, 960, 1280, 1920)):
    stem = f"/images/{r.randint(2019, 2024)}/{r.randint(1, 12):02d}/{slugify(alt)[:30]}-{r.randint(1000, 99999)}"
    srcset = ", ".join(f"{stem}-{w}w.webp {w}w" for w in widths)
    return (f'<img class="{cls}" src="{stem}-{widths[1]}w.jpg" srcset="{srcset}" '
            f'sizes="(max-width: 640px) 100vw, (max-width: 1280px) 66vw, 860px" '
            f'alt="{html.escape(alt)}" width="{widths[1]}" height="{widths[1] * 9 // 16}" loading="lazy" decoding="async">')


def render_article_html(a, style):
    r = a.v.r
    fn = [0]
    out = []
    for b in a.blocks:
        t = b[0]
        if t == "p":
            out.append(f"<p>{inline_html(b[1], fn)}</p>")
        elif t == "h2":
            out.append(f'<h2 id="{slugify(b[1])}">{html.escape(b[1])}</h2>')
        elif t == "figure":
            out.append(f'<figure class="article-figure">{img(r, b[1], "article-figure__img")}'
                       f'<figcaption>{html.escape(b[2])} <span class="credit">Photo: {html.escape(b[3])}</span>'
                       "</figcaption></figure>")
        elif t == "blockquote":
            foot = ""
            if b[2]:
                src = f", <cite>{inline_html(b[3], fn)}</cite>" if b[3] else ""
                foot = f"<footer>— {html.escape(b[2])}{src}</footer>"
            out.append(f'<blockquote class="pull-quote"><p>{html.escape(b[1])}</p>{foot}</blockquote>')
        elif t in ("ul", "ol"):
            items = "".join(f"<li>{inline_html(x, fn)}</li>" for x in b[1])
            out.append(f"<{t}>{items}</{t}>")
        elif t == "table":
            head, rows = b[1]
            ths = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head)
            trs = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
            cap_ = f'<caption class="table-source">Source: {html.escape(b[2])}</caption>' if b[2] else ""
            out.append(f'<div class="table-wrap"><table class="data-table">{cap_}<thead><tr>{ths}</tr></thead>'
                       f"<tbody>{trs}</tbody></table></div>")
        elif t == "ad":
            n = b[1]
            out.append(f'<div class="ad-slot ad-slot--inarticle" id="ad-inarticle-{n}" data-ad-unit="/2231/news/'
                       f'{slugify(a.section)}/inarticle_{n}" data-ad-sizes="[[300,250],[336,280],[728,90]]" '
                       f'data-lazy="true" aria-hidden="true"><span class="ad-slot__label">Advertisement</span></div>')
            if r.random() < 0.5:
                out.append(f'<aside class="newsletter-promo" data-component="newsletter-inline">'
                           f'<h3 class="newsletter-promo__title">Get the morning briefing</h3>'
                           f'<form class="newsletter-promo__form" action="/newsletters/subscribe" method="post">'
                           f'<label for="nl-email-{n}" class="visually-hidden">Email address</label>'
                           f'<input id="nl-email-{n}" type="email" name="email" autocomplete="email" required '
                           f'placeholder="you@example.org"><input type="hidden" name="list" value="morning-{n}">'
                           f'<button type="submit" class="button button--primary">Sign up</button></form></aside>')
    if fn[0] and a.footnotes:
        items = "".join(f'<li id="fn-{i + 1}">{html.escape(t)} <a href="#fnref-{i + 1}" class="footnote-backref">↩</a></li>'
                        for i, t in enumerate(a.footnotes))
        out.append(f'<section class="footnotes" role="doc-endnotes"><hr><ol>{items}</ol></section>')
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Site chrome, per generator style

def nav_links(r, n, prefix=""):
    picks = [SECTIONS[(i + r.randint(0, 3)) % len(SECTIONS)] for i in range(n)]
    return [(f"/{prefix}{slugify(p)}/", p) for p in picks]


def menu_html(r, style, n):
    items = nav_links(r, n)
    if style == "mkdocs":
        lis = "".join(f'<li class="md-nav__item"><a href="{h}" class="md-nav__link"><span class="md-ellipsis">'
                      f"{t}</span></a></li>" for h, t in items)
        return f'<nav class="md-nav md-nav--primary" aria-label="Navigation" data-md-level="0"><ul class="md-nav__list" data-md-scrollfix>{lis}</ul></nav>'
    cls = {"hugo": "main-nav__item", "jekyll": "page-link", "eleventy": "nav-item", "pelican": ""}[style]
    subs = []
    for h, t in items:
        sub = ""
        if r.random() < 0.5:
            sub = '<ul class="submenu">' + "".join(
                f'<li><a href="{h}{slugify(x)}/">{html.escape(x)}</a></li>'
                for x in (cap(r.choice(THINGS).replace("the ", "")) for _ in range(r.randint(3, 8)))) + "</ul>"
        subs.append(f'<li class="{cls}"><a href="{h}" class="{cls}__link">{t}</a>{sub}</li>')
    return f'<nav class="site-nav" aria-label="Main menu"><ul class="menu">{"".join(subs)}</ul></nav>'


def story_card(r, v, cls="card"):
    title = v.fill(r.choice(HEADLINES))
    href = f"/{r.randint(2021, 2024)}/{r.randint(1, 12):02d}/{slugify(title)}/"
    return (f'<li class="{cls}"><a class="{cls}__link" href="{href}">{img(r, title, cls + "__img", (240, 480, 720))}'
            f'<span class="{cls}__kicker">{r.choice(SECTIONS)}</span><h3 class="{cls}__title">{html.escape(title)}</h3>'
            f'</a><time class="{cls}__time" datetime="{r.randint(2021, 2024)}-{r.randint(1, 12):02d}-'
            f'{r.randint(1, 28):02d}">{r.randint(1, 23)}h ago</time></li>')


def critical_css(r, n):
    props = ["margin", "padding", "color", "background", "font-size", "line-height", "border-bottom",
             "max-width", "gap", "letter-spacing"]
    rules = []
    for _ in range(n):
        sel = f".{r.choice(['site', 'post', 'card', 'nav', 'md', 'footer', 'hero', 'byline'])}-" \
              f"{r.choice(['header', 'title', 'body', 'list', 'item', 'link', 'meta', 'grid', 'inner'])}"
        decl = ";".join(f"{r.choice(props)}:{r.choice(['0', f'{r.randint(1, 48)}px', f'#{r.randint(0, 0xFFFFFF):06x}', f'{r.randint(1, 9) / 4}rem'])}"
                        for _ in range(r.randint(2, 6)))
        rules.append(f"{sel}{{{decl}}}")
    return "".join(rules)


def html_page(r, v, style, dense, target, section):
    text_frac = r.uniform(0.15, 0.30)
    # The chrome of a ~100 KB page; smaller pages get smaller menus, style sheets and rails.
    k = min(1.0, target / 102400)

    def scaled(lo, hi):
        return max(2, round(r.randint(lo, hi) * k))

    a = Article(v, dense, int(target * text_frac), section)
    y, mo, d, hh, mm = a.date
    iso = f"{y}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:00Z"
    human = f"{MONTHS[mo - 1]} {d}, {y}"
    slug = slugify(a.headline)
    site = r.choice(["The Wrenfield Courier", "Harbour Ledger", "Valley Sentinel", "Coastline Daily"])
    url = f"https://www.{slugify(site)}.example.org/{y}/{mo:02d}/{slug}/"
    desc = html.escape(a.dek)
    title = html.escape(a.headline)
    generator = {"hugo": f"Hugo 0.{r.randint(110, 139)}.{r.randint(0, 3)}", "jekyll": f"Jekyll v4.3.{r.randint(0, 4)}",
                 "eleventy": f"Eleventy v{r.choice(['2.0.1', '3.0.0', '3.1.0'])}",
                 "mkdocs": f"mkdocs-1.{r.randint(4, 6)}.{r.randint(0, 3)}, mkdocs-material-9.{r.randint(1, 6)}.{r.randint(0, 20)}",
                 "pelican": "Pelican"}[style]
    head = [
        "<!DOCTYPE html>", f'<html lang="en-{r.choice(["GB", "US", "IE"])}" class="no-js">', "<head>",
        '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
        f"<title>{title} | {html.escape(site)}</title>", f'<meta name="description" content="{desc}">',
        f'<meta name="generator" content="{generator}">', f'<link rel="canonical" href="{url}">',
        f'<meta name="author" content="{html.escape(a.author)}">',
        f'<meta name="keywords" content="{html.escape(", ".join(a.tags))}">',
        '<meta name="robots" content="index, follow, max-image-preview:large">',
        f'<meta name="theme-color" content="#{r.randint(0, 0xFFFFFF):06x}">',
        '<meta property="og:type" content="article">', f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{desc}">', f'<meta property="og:url" content="{url}">',
        f'<meta property="og:image" content="https://cdn.{slugify(site)}.example.org/og/{slug}.jpg">',
        '<meta property="og:image:width" content="1200">', '<meta property="og:image:height" content="630">',
        f'<meta property="og:site_name" content="{html.escape(site)}">', '<meta property="og:locale" content="en_GB">',
        f'<meta property="article:published_time" content="{iso}">',
        f'<meta property="article:modified_time" content="{iso}">',
        f'<meta property="article:section" content="{section}">',
    ]
    head += [f'<meta property="article:tag" content="{html.escape(t)}">' for t in a.tags]
    head += [
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:site" content="@{slugify(site).replace("-", "")}">',
        f'<meta name="twitter:title" content="{title}">', f'<meta name="twitter:description" content="{desc}">',
        f'<meta name="twitter:image" content="https://cdn.{slugify(site)}.example.org/og/{slug}.jpg">',
        '<link rel="preconnect" href="https://fonts.example.net" crossorigin>',
        f'<link rel="preload" href="/fonts/source-serif-{r.randint(3, 4)}-var.woff2" as="font" type="font/woff2" crossorigin>',
        '<link rel="icon" href="/favicon.ico" sizes="any">', '<link rel="icon" href="/icon.svg" type="image/svg+xml">',
        '<link rel="apple-touch-icon" href="/apple-touch-icon.png">', '<link rel="manifest" href="/site.webmanifest">',
        f'<link rel="alternate" type="application/rss+xml" title="{html.escape(site)}" href="/feed.xml">',
    ]
    for i in range(r.randint(3, 6)):
        head.append(f'<link rel="stylesheet" href="/css/{r.choice(["main", "theme", "article", "print", "vendor"])}'
                    f'.{r.randint(0, 0xFFFFFFFF):08x}.css" media="{"print" if i == 5 else "all"}">')
    head.append(f"<style>{critical_css(r, scaled(40, 140))}</style>")
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.headline,
          "description": a.dek, "datePublished": iso, "dateModified": iso,
          "author": [{"@type": "Person", "name": n, "url": f"/authors/{slugify(n)}/"} for n in (a.author, a.author2) if n],
          "publisher": {"@type": "Organization", "name": site,
                        "logo": {"@type": "ImageObject", "url": f"https://cdn.{slugify(site)}.example.org/logo.png"}},
          "mainEntityOfPage": {"@type": "WebPage", "@id": url},
          "image": [f"https://cdn.{slugify(site)}.example.org/og/{slug}-{w}.jpg" for w in (1200, 800, 400)],
          "articleSection": section, "keywords": a.tags, "wordCount": a.text_len // 6,
          "isAccessibleForFree": True}
    head.append('<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False).replace("</", "<\\/") + "</script>")
    mid = f"SM-{r.randint(100000, 999999)}"
    head.append("<script>window.siteMetrics=window.siteMetrics||[];function track(){siteMetrics.push(arguments)}"
                f"track('init','{mid}',{{anonymize:true,section:'{section.lower()}',pageType:'article'}});"
                "(function(d,s){var e=d.createElement(s);e.async=1;e.src='/js/metrics.min.js?id="
                f"{mid}';d.head.appendChild(e)}})(document,'script');</script>")
    if style == "jekyll":
        head.insert(7, "<!-- Begin Jekyll SEO tag v2.8.0 -->")
        head.append("<!-- End Jekyll SEO tag -->")
    head.append("</head>")

    body_cls = {"hugo": f'class="single section-{slugify(section)}"', "jekyll": 'class="post-template"',
                "eleventy": 'class="layout-post"', "mkdocs": 'dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo"',
                "pelican": 'id="index" class="home"'}[style]
    top = [f"<body {body_cls}>", '<a class="skip-link" href="#main">Skip to content</a>']
    if style == "mkdocs":
        top.append('<header class="md-header md-header--shadow" data-md-component="header"><nav class="md-header__inner md-grid" aria-label="Header">'
                   f'<a href="/" title="{html.escape(site)}" class="md-header__button md-logo">{svg_icon(r, 32)}</a>'
                   f'<div class="md-header__title"><span class="md-ellipsis">{html.escape(site)}</span></div>'
                   '<form class="md-search__form" name="search"><input type="text" class="md-search__input" name="query" '
                   'aria-label="Search" placeholder="Search" autocapitalize="off" autocorrect="off" autocomplete="off" '
                   'spellcheck="false" data-md-component="search-query" required></form></nav></header>')
        top.append('<div class="md-container" data-md-component="container"><nav class="md-tabs" aria-label="Tabs"><ul class="md-tabs__list">'
                   + "".join(f'<li class="md-tabs__item"><a href="{h}" class="md-tabs__link">{t}</a></li>'
                             for h, t in nav_links(r, r.randint(6, 10))) + "</ul></nav>")
        top.append('<main class="md-main" data-md-component="main"><div class="md-main__inner md-grid">'
                   '<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation">'
                   f'<div class="md-sidebar__scrollwrap"><div class="md-sidebar__inner">{menu_html(r, style, scaled(20, 45))}'
                   '</div></div></div><div class="md-content" data-md-component="content">'
                   '<article class="md-content__inner md-typeset" id="main">')
    else:
        logo = f'<a class="site-logo" href="/" rel="home" aria-label="{html.escape(site)} home">{svg_icon(r, 40)}<span>{html.escape(site)}</span></a>'
        hdr_cls = {"hugo": "site-header", "jekyll": "site-header", "eleventy": "header", "pelican": "body"}[style]
        hdr_id = ' id="banner"' if style == "pelican" else ""
        top.append(f'<header class="{hdr_cls}"{hdr_id} role="banner"><div class="wrapper">{logo}'
                   f'{menu_html(r, style, scaled(10, 22))}'
                   '<form class="site-search" role="search" action="/search/"><input type="search" name="q" '
                   'aria-label="Search" placeholder="Search"><button type="submit">' + svg_icon(r, 20) + '</button></form>'
                   '<a class="button button--subscribe" href="/subscribe/?ref=header">Subscribe</a></div></header>')
        if r.random() < 0.6:
            top.append('<div class="breaking-bar" role="region" aria-label="Breaking news"><span class="breaking-bar__label">Live</span>'
                       f'<a href="/live/{slugify(v.fill("{event}"))}/">{html.escape(v.fill("{Place} live: updates on {event}"))}</a></div>')
        main_cls = {"hugo": 'class="container main"', "jekyll": 'class="page-content" aria-label="Content"',
                    "eleventy": 'id="skip"', "pelican": 'id="content" class="body"'}[style]
        art_cls = {"hugo": 'class="post h-entry"', "jekyll": 'class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting"',
                   "eleventy": 'class="post"', "pelican": 'class="hentry"'}[style]
        top.append(f'<main id="main" {main_cls}>')
        top.append(f"<article {art_cls}>")

    byline = f'<a href="/authors/{slugify(a.author)}/" rel="author" class="p-author h-card">{html.escape(a.author)}</a>'
    if a.author2:
        byline += f' and <a href="/authors/{slugify(a.author2)}/" rel="author" class="p-author h-card">{html.escape(a.author2)}</a>'
    art_head = (f'<header class="post-header"><p class="kicker"><a href="/{slugify(section)}/">{section}</a></p>'
                f'<h1 class="post-title p-name">{title}</h1><p class="standfirst p-summary">{desc}</p>'
                f'<div class="post-meta"><span class="byline">By {byline}</span> '
                f'<time class="dt-published" datetime="{iso}">{human}</time>'
                f'<ul class="share-tools" aria-label="Share this story">'
                + "".join(f'<li><a class="share-tools__{n}" href="https://{n}.example.net/share?u={url}" '
                          f'target="_blank" rel="noopener">{svg_icon(r, 18)}<span class="visually-hidden">Share on {n}</span></a></li>'
                          for n in ("mail", "social", "chat", "link")) + "</ul></div>"
                f'<figure class="hero">{img(r, a.headline, "hero__img")}<figcaption>{html.escape(cap(v.fill(r.choice(NEUTRAL))))}</figcaption></figure>'
                "</header>")
    content_cls = {"hugo": "post-content e-content", "jekyll": 'post-content e-content" itemprop="articleBody',
                   "eleventy": "post-body", "mkdocs": "md-typeset__body", "pelican": "entry-content"}[style]
    art = [art_head, f'<div class="{content_cls}">', render_article_html(a, style), "</div>",
           '<footer class="post-footer"><ul class="tags">'
           + "".join(f'<li><a href="/tags/{slugify(t)}/" rel="tag">{html.escape(t)}</a></li>' for t in a.tags)
           + "</ul></footer>", "</article>"]

    aside = ['<aside class="related" aria-labelledby="related-title"><h2 id="related-title">Related stories</h2><ul class="card-list">']
    aside += [story_card(r, v) for _ in range(scaled(4, 9))]
    aside.append('</ul><h2>Most read</h2><ol class="most-read">')
    aside += [f'<li><a href="/{slugify(s)}/">{html.escape(s)}</a></li>' for s in (v.fill(r.choice(HEADLINES)) for _ in range(scaled(5, 10)))]
    aside.append("</ol></aside>")

    foot = ["</main>" if style != "mkdocs" else "</div></main>"]  # mkdocs: also closes .md-main__inner
    cols = []
    for _ in range(scaled(4, 6)):
        links = "".join(f'<li><a href="{h}">{t}</a></li>' for h, t in nav_links(r, scaled(6, 14), "about/"))
        cols.append(f'<div class="footer-col"><h3 class="footer-col__title">{r.choice(SECTIONS)}</h3><ul>{links}</ul></div>')
    social = "".join(f'<a class="social-link" href="https://{n}.example.net/{slugify(site)}" aria-label="{n}">{svg_icon(r, 22)}</a>'
                     for n in ("photos", "video", "social", "feed", "podcast"))
    foot.append(f'<footer class="site-footer" role="contentinfo"><div class="wrapper footer-grid">{"".join(cols)}</div>'
                f'<div class="social">{social}</div><p class="copyright">© {y} {html.escape(site)}. All rights reserved. '
                '<a href="/privacy/">Privacy</a> · <a href="/terms/">Terms</a> · <a href="/cookies/">Cookie settings</a></p></footer>')
    if style == "mkdocs":
        foot.append("</div>")
        foot.append('<script id="__config" type="application/json">' + json.dumps(
            {"base": "..", "features": ["navigation.tabs", "navigation.sections", "search.highlight"],
             "search": "../assets/javascripts/workers/search.f886a092.min.js",
             "translations": {"clipboard.copy": "Copy to clipboard", "search.result.none": "No matching documents"}}) + "</script>")
    trailing = [f'<script src="/js/{n}.{r.randint(0, 0xFFFFFFFF):08x}.js" defer></script>'
                for n in ("vendor", "app", "consent", "comments")[:r.randint(2, 4)]]
    trailing.append("<script>document.documentElement.classList.remove('no-js');"
                    "window.addEventListener('load',function(){var a=document.querySelectorAll('[data-lazy]');"
                    "for(var i=0;i<a.length;i++){a[i].dataset.ready='1'}});</script>")
    tail = ["</body>", "</html>", ""]

    close_content = ["</div>"] if style == "mkdocs" else []  # .md-content

    def assemble(extra):
        return "\n".join(head + top + art + close_content + extra + aside + foot + trailing + tail)

    # More chrome until the page reaches the target size: a "more from the section" rail of story
    # cards, as news pages carry below the article.
    extra = []
    page = assemble(extra)
    size = len(page.encode("utf-8"))
    if size < target:
        extra.append(f'<section class="more-stories" aria-label="More from {section}"><h2>More from {section}</h2><ul class="card-grid">')
        extra.append("</ul></section>")
        size = len(assemble(extra).encode("utf-8"))
        while size < target:
            card = story_card(r, v, "grid-card")
            extra.insert(len(extra) - 1, card)
            size += len(card.encode("utf-8")) + 1
        page = assemble(extra)
    return page, slug


# ---------------------------------------------------------------------------------------------
# Markdown pages

def md_page(r, v, style, dense, target, section):
    a = Article(v, dense, max(200, target - 600), section)
    y, mo, d, hh, mm = a.date
    iso = f"{y}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:00Z"
    slug = slugify(a.headline)
    q = a.headline.replace('"', "'")
    if style == "pelican":
        fm = (f"Title: {a.headline}\nDate: {y}-{mo:02d}-{d:02d} {hh:02d}:{mm:02d}\nCategory: {section}\n"
              f"Tags: {', '.join(a.tags)}\nSlug: {slug}\nAuthors: {a.author}\nSummary: {a.dek}\n\n")
    elif style == "hugo" and r.random() < 0.5:
        fm = (f'+++\ntitle = "{q}"\ndate = {iso}\ndraft = false\ndescription = "{a.dek}"\n'
              f'categories = ["{section}"]\ntags = [{", ".join(json.dumps(t) for t in a.tags)}]\n'
              f'authors = ["{a.author}"]\n+++\n\n')
    else:
        extra = {"jekyll": "layout: post\n", "eleventy": "layout: layouts/post.njk\n", "mkdocs": "",
                 "hugo": "draft: false\n"}[style]
        tags = "".join(f"  - {t}\n" for t in a.tags)
        fm = (f'---\n{extra}title: "{q}"\ndate: {iso}\ndescription: "{a.dek}"\nauthor: {a.author}\n'
              f"categories: [{section}]\ntags:\n{tags}---\n\n")
    fn = [0]
    out = [fm]
    for b in a.blocks:
        t = b[0]
        if t == "p":
            out.append(inline_md(b[1], fn) + "\n\n")
        elif t == "h2":
            out.append(f"## {b[1]}\n\n")
        elif t == "figure":
            src = f"/images/{y}/{mo:02d}/{slugify(b[1])[:30]}.jpg"
            if style == "hugo":
                out.append(f'{{{{< figure src="{src}" alt="{b[1]}" caption="{b[2]} Photo: {b[3]}" >}}}}\n\n')
            else:
                out.append(f'![{b[1]}]({src} "{b[2]}")\n\n*{b[2]} Photo: {b[3]}*\n\n')
        elif t == "blockquote":
            line = f"> {b[1]}\n"
            if b[2]:
                line += ">\n> — " + b[2] + (", " + inline_md(b[3], fn) if b[3] else "") + "\n"
            out.append(line + "\n")
        elif t in ("ul", "ol"):
            out.append("".join((f"{i + 1}. " if t == "ol" else "- ") + inline_md(x, fn) + "\n" for i, x in enumerate(b[1])) + "\n")
        elif t == "table":
            head, rows = b[1]
            lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
            out.append("\n".join(lines) + "\n\n" + (f"Source: {b[2]}\n\n" if b[2] else ""))
        elif t == "ad":
            if style == "jekyll":
                out.append(f"{{% include ad-slot.html slot=\"inarticle_{b[1]}\" %}}\n\n")
            elif style == "hugo":
                out.append(f'{{{{< ad slot="inarticle_{b[1]}" >}}}}\n\n')
            else:
                out.append(f'<div class="ad-slot" data-slot="inarticle_{b[1]}"></div>\n\n')
    for i, note in enumerate(a.footnotes):
        out.append(f"[^{i + 1}]: {note}\n")
    return "".join(out), slug


# ---------------------------------------------------------------------------------------------

def make_page(seed, index, fmt, style, dense, target):
    r = random.Random(f"factlint-bench:{seed}:{index}")
    page_style = style if style != "mixed" else r.choice(STYLES)
    page_fmt = fmt if fmt != "mixed" else ("markdown" if r.random() < 0.3 else "html")
    v = Vocab(r)
    section = r.choice(SECTIONS)
    if page_fmt == "html":
        text, slug = html_page(r, v, page_style, dense, target, section)
        return text, slug, ".html"
    text, slug = md_page(r, v, page_style, dense, target, section)
    return text, slug, ".md"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv=None):
    p = argparse.ArgumentParser(description="Generate deterministic news-like pages for benchmarks.")
    p.add_argument("--out", required=True, help="output folder (or file, with --single-mb)")
    p.add_argument("--pages", type=int, default=0, help="number of pages")
    p.add_argument("--size-kb", type=float, default=100.0, help="approximate size of each page in KB")
    p.add_argument("--format", choices=["html", "markdown", "mixed"], default="html")
    p.add_argument("--style", choices=STYLES + ["mixed"], default="mixed")
    p.add_argument("--seed", default="1")
    p.add_argument("--dense", action="store_true", help="nearly every sentence carries a claim")
    p.add_argument("--single-mb", type=float, default=0.0, help="write one page of about M MB to --out")
    args = p.parse_args(argv)

    if args.single_mb:
        fmt = "html" if args.format == "mixed" else args.format
        text, _, _ = make_page(args.seed, "single", fmt, args.style, args.dense, int(args.single_mb * 1024 * 1024))
        parent = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(parent, exist_ok=True)
        write(args.out, text)
        print(f"gen_pages: 1 page, {len(text.encode('utf-8'))} bytes -> {args.out}", file=sys.stderr)
        return 0
    if args.pages <= 0:
        p.error("--pages N (N > 0) or --single-mb M is required")
    os.makedirs(args.out, exist_ok=True)
    total = 0
    width = max(4, len(str(args.pages)))
    for i in range(args.pages):
        text, slug, ext = make_page(args.seed, i, args.format, args.style, args.dense, int(args.size_kb * 1024))
        name = f"{i:0{width}d}-{slug[:40].rstrip('-')}{ext}"
        write(os.path.join(args.out, name), text)
        total += len(text.encode("utf-8"))
    print(f"gen_pages: {args.pages} pages, {total} bytes -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
