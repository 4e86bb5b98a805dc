"""Valid sample files for every reader, and near-valid mutations of them, for the fuzz tests."""

from __future__ import annotations

import json

from hypothesis import strategies as st

SAMPLES: dict[str, bytes] = {
    "blt": b'3 2\n-3\n2 1 2 0\n1.5 2=1 3 0\n1 2 - 3 0\n(b7) 1 3 0\n0\n"Ann"\n"Bo"\nCy\n"Title"\n',
    "abif": (
        b'{title: "Test"}\n{seats: 2}\n=A:[Alice Adams]\n=B:[Bob]\n=C:[Cat]\n10:A>B # c\n'
        b"3: B=C > A\n2:[Alice Adams]>C\n1:C/5,A/3,B/3\n"
    ),
    "debian": (
        "   Option 1--->: Ann\n   /  Option 2-->: Rapha\xebl\n   |/  Option 3->: None Of The "
        "Above\nV: 12-\t\tabc\nV: 11-\t\tdef\nV: -1A\t\tff\n"
    ).encode("latin-1"),
    "preflib": (
        b"# FILE NAME: x.toi\n# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 3\n"
        b"# ALTERNATIVE NAME 1: Ann\n# ALTERNATIVE NAME 2: Bo\n# ALTERNATIVE NAME 3: Cy\n"
        b"# NUMBER VOTERS: 6\n# NUMBER UNIQUE ORDERS: 2\n4: 1,{2,3}\n2: 3\n"
    ),
    "csv": b"Ann,Bo,Cy,weight\n1,2,,2\n1,1,3,1.5\n,,5,1\n",
    "irish": b'"Leni" "Higg" "XXXXX"\r\n"Higg" "XXXXX" "XXXXX"\r\n"Burt" "XXXXX" "Leni"\r\n',
    "board": json.dumps(
        {
            "format": "rankfile-board/1",
            "poll": {
                "id": "p",
                "title": "Chair",
                "method": "irv",
                "seats": 1,
                "weighted": True,
                "options": [{"id": "a", "name": "Ana"}, {"id": "b", "name": "Bo"}],
            },
            "electorate": 3,
            "votes_cast": 2,
            "ballots": [
                {"tracker": "1" * 32, "content": ["a"], "weight": "1"},
                {"tracker": "2" * 32, "content": ["b", "a"], "weight": "2.5"},
            ],
        }
    ).encode(),
}

# Tokens that have broken readers elsewhere: numbers past every integer type, signs, exponents,
# separators, quotes, brackets, control and non-ASCII characters.
AWKWARD = [
    "18446744073709551616",
    "9223372036854775808",
    "1" + "0" * 400,
    "0",
    "-1",
    "1e308",
    "NaN",
    "0.0000001",
    "1.5.2",
    "=",
    "-",
    ",",
    ":",
    ">",
    '"',
    "[",
    "{",
    "}",
    "(",
    "#",
    "\x00",
    "\t",
    "\r",
    "\n",
    "\ufeff",
    "é",
    "\ud7ff",
    " ",
]


@st.composite
def near_valid(draw: st.DrawFn, sample: bytes) -> bytes:
    """`sample` with a few edits: awkward tokens put in, spans cut or repeated, an early end."""
    text = sample.decode("latin-1")
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "replace", "cut", "repeat", "truncate"]))
        if edit == "insert":
            text = text[:where] + draw(st.sampled_from(AWKWARD)) + text[where:]
        elif edit == "replace":
            end = min(len(text), where + draw(st.integers(1, 6)))
            text = text[:where] + draw(st.sampled_from(AWKWARD)) + text[end:]
        elif edit == "cut":
            text = text[:where] + text[min(len(text), where + draw(st.integers(1, 8))) :]
        elif edit == "repeat":
            end = min(len(text), where + draw(st.integers(1, 40)))
            text = text[:end] + text[where:end] * draw(st.integers(1, 3)) + text[end:]
        else:
            text = text[:where]
    return text.encode("utf-8", "surrogatepass")
