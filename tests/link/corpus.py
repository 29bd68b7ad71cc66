"""A small multi-article corpus, written for these tests, for the cross-source layer.

Outlets and people are invented except for the states and offices involved. It holds:

* one wire story (Northwind Wire) and three copies: lightly edited (Harbor Daily), spun
  with synonyms (Valley Gazette) and disguised with look-alike letters (Metro Post);
* other articles on the same days that are not copies (Eastern Ledger, Atlantic Review);
* an allegation (US officials claim Russia is preparing to invade) and its denial;
* sentences with negations that are no dispute;
* troop figures that form a series over two months, figures that disagree in one week,
  an increment and a deployment;
* an Italian article.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from faultline.ingest.confusables import tables

WIRE = """\
Russian defence officials said on Tuesday that some units stationed near the Ukrainian \
border had completed their exercises and would return to their home bases within days, \
a step that diplomats in several capitals greeted with caution.

The announcement came after weeks of warnings from Western governments about the scale \
of the deployment. Footage released by the ministry showed armoured vehicles being loaded \
onto trains at a depot in the Belgorod region, although it was not possible to say how \
many soldiers were leaving or where the trains were heading.

Officials in Kyiv said they would believe the withdrawal when they saw it. A senior \
adviser to the Ukrainian president told reporters that the government had recorded \
movements in both directions over the weekend and that the overall picture remained \
worrying for the people who live close to the frontier.

German and French ministers welcomed the news but urged Moscow to take further steps, \
including the publication of clear timetables for the remaining drills. The alliance \
will hold a meeting of defence ministers in Brussels on Wednesday to review the situation \
and to discuss the reinforcement of its eastern members.

Markets in Moscow rose sharply after the report, with the rouble recovering part of the \
ground it had lost since the start of the month. Traders said that investors had been \
waiting for any sign that the confrontation might ease before the end of the winter.
"""

# A light edit: new headline, one sentence dropped, a credit line and a closing sentence added.
EDITED = WIRE.replace(
    " Traders said that investors had been waiting for any sign that the confrontation "
    "might ease before the end of the winter.", ""
) + "\nThis story was first published by Northwind Wire and is republished with permission.\n"

# A machine-spun copy: synonyms swapped in, one word in five or six.
SPUN = (WIRE.replace("said", "stated").replace("completed", "finished")
        .replace("return", "go back").replace("greeted", "welcomed").replace("weeks", "days")
        .replace("warnings", "alerts").replace("showed", "displayed")
        .replace("soldiers", "troops").replace("believe", "trust").replace("reporters",
                                                                           "journalists")
        .replace("worrying", "troubling").replace("urged", "pressed")
        .replace("sharply", "steeply").replace("investors", "backers")
        .replace("clear", "precise").replace("remaining", "outstanding"))


def disguise(text: str, every: int = 3) -> str:
    """The text with every `every`-th ASCII letter swapped for a look-alike from another
    script (Cyrillic, Greek, Cherokee, Roman numerals ...), cycling through the choices."""
    lookalikes: dict[str, list[str]] = {}
    for fake, real in sorted(tables().to_latin.items()):
        lookalikes.setdefault(real, []).append(fake)
    out, n = [], 0
    for ch in text:
        if ch.isascii() and ch.isalpha() and ch in lookalikes:
            n += 1
            if n % every == 0:
                choices = lookalikes[ch]
                out.append(choices[n // every % len(choices)])
                continue
        out.append(ch)
    return "".join(out)


HOMOGLYPH = disguise(WIRE)

LEDGER = """\
The Russian Defence Ministry said on Tuesday that troops taking part in drills in the \
south and west of the country had begun to go back to their garrisons. Spokesman Igor \
Vetrov said that tank columns had already left the training grounds.

American officials claim that Russia is preparing to invade Ukraine, and Washington has \
kept its warnings in place. The Kremlin denied that Russia was planning to invade Ukraine.

A ministry spokesman, who was not authorized to speak publicly, gave no further details. \
Any change to the borders of Ukraine will not be discussed without Kyiv, the German \
chancellor said. NATO's position on enlargement has not changed, the secretary general \
told reporters. Ukraine did not take part in the talks. Nobody asked Kyiv about the plan.

Russia has about 130,000 troops near the Ukrainian border, a senior US official said.
"""

REVIEW = """\
NATO Secretary General Jens Stoltenberg said on Wednesday that the alliance had seen no \
sign of a pull-back of Russian forces so far. Western governments said that they could \
not confirm any withdrawal.

Russia has about 100,000 troops near the Ukrainian border, the British defence ministry \
said. Russia sent 7,000 more troops to the border, a senior US official said on Wednesday. \
Some 30,000 Russian troops moved to Belarus for joint drills, according to the ministry.
"""

DECEMBER = """\
Tens of thousands of Russian troops have gathered near the border with Ukraine, Western \
officials said on Friday. The build-up has alarmed governments across Europe, and the \
foreign ministers of the alliance will meet next week to discuss a response.
"""

FEBRUARY = """\
Russia has massed about 190,000 troops near Ukraine, the US ambassador to the OSCE said \
on Friday, the largest concentration of forces in Europe in decades. Washington said that \
it would keep its embassy staff in the west of the country.
"""

ITALIAN = """\
Il ministero della Difesa russo ha annunciato martedì che alcune unità schierate vicino al \
confine ucraino hanno concluso le esercitazioni e torneranno nelle loro basi nei prossimi \
giorni. I governi occidentali hanno accolto la notizia con cautela e chiedono ulteriori \
passi concreti prima di parlare di una vera distensione.
"""


def records() -> list[dict[str, Any]]:
    """The corpus as input JSONL records."""
    day = "2022-02-15"
    return [
        {"id": "wire", "publisher": "Northwind Wire", "published": day, "title":
         "Russia says some units will return to bases", "text": WIRE},
        {"id": "edited", "publisher": "Harbor Daily", "published": "2022-02-15T18:00:00",
         "title": "Some Russian units head home, Moscow says", "text": EDITED},
        {"id": "spun", "publisher": "Valley Gazette", "published": "2022-02-16", "title":
         "Russia states some units will go back to bases", "text": SPUN},
        {"id": "homoglyph", "publisher": "Metro Post", "published": "2022-02-16", "title":
         disguise("Russia says some units will return to bases"), "text": HOMOGLYPH},
        {"id": "ledger", "publisher": "Eastern Ledger", "published": day, "text": LEDGER},
        {"id": "review", "publisher": "Atlantic Review", "published": "2022-02-16",
         "text": REVIEW},
        {"id": "december", "publisher": "Atlantic Review", "published": "2021-12-03",
         "text": DECEMBER},
        {"id": "february", "publisher": "Eastern Ledger", "published": "2022-02-18",
         "text": FEBRUARY},
        {"id": "italian", "publisher": "Gazzetta del Confine", "published": day,
         "text": ITALIAN},
    ]


def alert_records() -> list[dict[str, Any]]:
    """A quiet month of talks between Russia and Ukraine, then a week of shelling: one
    escalation alert, resting on the shelling."""
    out = []
    for day in range(1, 31):
        out.append({"id": f"talks-{day:02d}", "publisher": "Minsk Monitor",
                    "published": f"2022-01-{day:02d}",
                    "text": f"Russian officials met Ukrainian officials in Minsk on January "
                            f"{day}, 2022."})
    for day in range(1, 6):
        out.append({"id": f"shelling-{day:02d}", "publisher": "Donbas Daily",
                    "published": f"2022-02-{day:02d}",
                    "text": f"Russian forces shelled Ukrainian positions near Donetsk on "
                            f"February {day}, 2022."})
    return out


def write_corpus(folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                            for r in records() + alert_records()),
                    encoding="utf-8")
    return path
