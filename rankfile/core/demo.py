"""The demo scenario a newcomer sees first, modelled on the Minneapolis general strike call of
January 2026: rank-and-file committees at a bus garage, a hospital, a high school, a warehouse, a
neighbourhood and a factory, linked into coordinating committees by industry and by region, up to
the international alliance. Everything is made through the services, so the logs read true."""

from __future__ import annotations

import dataclasses
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from rankfile.accounts.models import Person
from rankfile.committees import services
from rankfile.committees.models import Committee
from rankfile.core.errors import RuleViolation
from rankfile.strikes.demo import strikes_demo_load
from rankfile.votes.demo import votes_demo_load

DEMO_PASSWORD = "solidarity-forever"


@dataclasses.dataclass(frozen=True)
class BaseCommittee:
    key: str
    name: str
    kind: str
    sector: str
    region: str
    workforce: int
    members: int
    industry: str | None
    description: str


ALLIANCE = ("International Workers Alliance of Rank-and-File Committees", "World")
INDUSTRY = {
    "transit": ("Twin Cities Transit and Logistics Workers", "logistics", "US/MN"),
    "health": ("Minnesota Health Care Workers Committee", "health", "US/MN"),
    "education": ("Minneapolis Educators and Students Committee", "education", "US/MN/Minneapolis"),
}
REGIONS = {
    "minnesota": ("Minnesota Rank-and-File Coordinating Committee", "US/MN"),
    "minneapolis": ("Minneapolis Rank-and-File Coordinating Committee", "US/MN/Minneapolis"),
}
BASES = [
    BaseCommittee(
        "garage",
        "Heywood Bus Garage Rank-and-File Committee",
        "workplace",
        "transit",
        "US/MN/Minneapolis",
        650,
        44,
        "transit",
        "Bus operators and mechanics at the Heywood garage.",
    ),
    BaseCommittee(
        "hospital",
        "Hennepin General Hospital Workers Committee",
        "workplace",
        "health",
        "US/MN/Minneapolis",
        900,
        40,
        "health",
        "Nurses, aides, cleaners and techs on every shift.",
    ),
    BaseCommittee(
        "school",
        "Roosevelt High School Teachers and Students Committee",
        "school",
        "education",
        "US/MN/Minneapolis",
        1300,
        38,
        "education",
        "Teachers, staff and students of Roosevelt High.",
    ),
    BaseCommittee(
        "warehouse",
        "Lake Street Distribution Warehouse Committee",
        "workplace",
        "logistics",
        "US/MN/Minneapolis",
        480,
        32,
        "transit",
        "Pickers, packers and drivers.",
    ),
    BaseCommittee(
        "neighbourhood",
        "Phillips Neighbourhood Defence Committee",
        "neighbourhood",
        "community",
        "US/MN/Minneapolis",
        0,
        26,
        None,
        "Neighbours organising against the raids in Phillips.",
    ),
    BaseCommittee(
        "factory",
        "Northside Metal Fabrication Plant Committee",
        "workplace",
        "manufacturing",
        "US/MN/Minneapolis",
        350,
        24,
        None,
        "Welders, machinists and line workers.",
    ),
]

# Named accounts the README prints, each a persona of the tests.
PERSONAS = {
    "marisol": "chair of the bus garage committee, delegate to transit and Minneapolis",
    "dwayne": "member of the bus garage committee",
    "keisha": "chair of the hospital committee",
    "ana": "secretary of the high school committee",
    "newcomer": "member of the neighbourhood committee: use the link below to join the hospital's",
}

FIRST = [
    "ali",
    "bea",
    "cruz",
    "dana",
    "eli",
    "fatima",
    "gus",
    "hana",
    "ivan",
    "jo",
    "kai",
    "lena",
    "mo",
    "nia",
    "omar",
    "pat",
    "quinn",
    "rosa",
    "sam",
    "tariq",
    "uma",
    "vic",
    "wen",
    "xochi",
    "yusuf",
    "zoe",
    "amir",
    "bo",
    "chen",
    "dolores",
]
SECOND = [
    "wrench",
    "shift",
    "depot",
    "route",
    "ward",
    "bell",
    "dock",
    "forge",
    "block",
    "line",
    "yard",
    "lane",
    "hall",
    "gate",
]


def demo_is_loaded() -> bool:
    return Committee.objects.filter(kind="alliance").exists()


def demo_load(*, seed: int = 2026) -> None:
    rng = random.Random(seed)
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        people = _people(rng, password_hash)
        operator = _person("operator", password_hash, is_operator=True)
        alliance = services.committee_found(
            by=operator,
            name=ALLIANCE[0],
            kind="alliance",
            sector="mixed",
            region=ALLIANCE[1],
            description="The international alliance of rank-and-file committees.",
        )
        regions = {
            key: services.committee_found(
                by=people["marisol"] if key == "minneapolis" else operator,
                name=name,
                kind="coordinating",
                sector="mixed",
                region=region,
            )
            for key, (name, region) in REGIONS.items()
        }
        industries = {
            key: services.committee_found(
                by=operator, name=name, kind="coordinating", sector=sector, region=region
            )
            for key, (name, sector, region) in INDUSTRY.items()
        }
        _link(regions["minneapolis"], regions["minnesota"], operator)
        _link(regions["minnesota"], alliance, operator)
        for industry in industries.values():
            _link(industry, alliance, operator)

        pool = [p for handle, p in people.items() if handle not in PERSONAS]
        rng.shuffle(pool)
        chairs = {"garage": people["marisol"], "hospital": people["keisha"]}
        for base in BASES:
            chair = chairs.get(base.key) or pool.pop()
            committee = services.committee_found(
                by=chair,
                name=base.name,
                kind=base.kind,
                sector=base.sector,
                region=base.region,
                workforce_estimate=base.workforce or None,
                description=base.description,
            )
            members = [pool.pop() for _ in range(base.members - 1)]
            if base.key == "garage":
                members[0] = people["dwayne"]
            if base.key == "school":
                members[0] = people["ana"]
            if base.key == "neighbourhood":
                members[0] = people["newcomer"]
            _admit_all(committee, chair, members)
            secretary = people["ana"] if base.key == "school" else members[1]
            services.role_assign(committee=committee, person=secretary, kind="secretary", by=chair)
            parents = [regions["minneapolis"]]
            if base.industry:
                parents.append(industries[base.industry])
            for parent in parents:
                _link(committee, parent, parent_officer(parent))
                delegate = chair if base.key == "garage" else members[2]
                services.seat_assign(parent=parent, committee=committee, person=delegate, by=chair)
                services.seat_assign(
                    parent=parent,
                    committee=committee,
                    person=members[3 if parent == parents[0] else 4],
                    by=chair,
                )
            if base.key == "garage":
                _applicants(committee, pool[:3], chair)
        # One affiliation waits for a decision, so officers see what a request looks like.
        light_rail = services.committee_found(
            by=pool.pop(),
            name="Blue Line Light Rail Operators Committee",
            kind="workplace",
            sector="transit",
            region="US/MN/Minneapolis",
            workforce_estimate=220,
        )
        services.affiliation_request(
            child=light_rail, parent=industries["transit"], by=_chair_of(light_rail)
        )
    strikes_demo_load()
    votes_demo_load()


def parent_officer(committee: Committee) -> Person:
    return _chair_of(committee)


def _chair_of(committee: Committee) -> Person:
    return Person.objects.get(
        roles__committee=committee, roles__kind="chair", roles__ended_at__isnull=True
    )


def _person(handle: str, password_hash: str, is_operator: bool = False) -> Person:
    return Person.objects.create(handle=handle, password=password_hash, is_operator=is_operator)


def _people(rng: random.Random, password_hash: str) -> dict[str, Person]:
    handles = list(PERSONAS)
    seen = set(handles)
    while len(handles) < 215:
        handle = f"{rng.choice(FIRST)}_{rng.choice(SECOND)}{rng.randint(1, 99)}"
        if handle not in seen:
            seen.add(handle)
            handles.append(handle)
    return {handle: _person(handle, password_hash) for handle in handles}


def _link(child: Committee, parent: Committee, officer: Person) -> None:
    affiliation = services.affiliation_request(child=child, parent=parent, by=_chair_of(child))
    services.affiliation_accept(affiliation=affiliation, by=officer)


def _admit_all(committee: Committee, chair: Person, members: list[Person]) -> None:
    _invitation, token = services.invitation_create(
        committee=committee, by=chair, valid_days=30, max_uses=None, label="first wave"
    )
    for person in members:
        membership = services.invitation_redeem(token=token, person=person)
        services.membership_vouch(membership=membership, by=chair)


def _applicants(committee: Committee, people: list[Person], chair: Person) -> None:
    _invitation, token = services.invitation_create(
        committee=committee, by=chair, valid_days=14, max_uses=10, label="night shift"
    )
    for person in people:
        try:
            services.invitation_redeem(token=token, person=person)
        except RuleViolation:
            continue


def demo_invitation_for_newcomer() -> str:
    """A fresh link into the hospital committee, made by its chair, for the README's tour."""
    committee = Committee.objects.get(name=BASES[1].name)
    _invitation, token = services.invitation_create(
        committee=committee,
        by=_chair_of(committee),
        valid_days=7,
        max_uses=None,
        label="demo walk-through",
    )
    return token
