"""The demo's federation, modelled on the Minneapolis general strike call of January 2026:
rank-and-file committees at a bus garage, a hospital, a high school, a warehouse, a
neighbourhood and a factory, linked into coordinating committees by industry and by region, up
to the international alliance."""

from __future__ import annotations

import dataclasses
import random

from rankfile.accounts.models import Person
from rankfile.committees import services
from rankfile.committees.models import Committee
from rankfile.core.errors import RuleViolation
from rankfile.demo.people import PERSONAS, chair_of


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
# The persona who takes the first places among a base committee's members, by its key.
FIRST_MEMBER = {"garage": "dwayne", "school": "ana", "neighbourhood": "newcomer"}
CHAIRS = {"garage": "marisol", "hospital": "keisha"}


@dataclasses.dataclass(frozen=True)
class Coordination:
    """The coordinating committees a base committee affiliates to."""

    regions: dict[str, Committee]
    industries: dict[str, Committee]


def federation_load(*, people: dict[str, Person], operator: Person, rng: random.Random) -> None:
    coordination = _coordination_found(people=people, operator=operator)
    pool = [person for handle, person in people.items() if handle not in PERSONAS]
    rng.shuffle(pool)
    for base in BASES:
        chair = people[CHAIRS[base.key]] if base.key in CHAIRS else pool.pop()
        _base_load(base=base, chair=chair, people=people, pool=pool, coordination=coordination)
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
        child=light_rail, parent=coordination.industries["transit"], by=chair_of(light_rail)
    )


def _coordination_found(*, people: dict[str, Person], operator: Person) -> Coordination:
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
    _link(child=regions["minneapolis"], parent=regions["minnesota"], officer=operator)
    _link(child=regions["minnesota"], parent=alliance, officer=operator)
    for industry in industries.values():
        _link(child=industry, parent=alliance, officer=operator)
    return Coordination(regions=regions, industries=industries)


def _base_load(
    *,
    base: BaseCommittee,
    chair: Person,
    people: dict[str, Person],
    pool: list[Person],
    coordination: Coordination,
) -> None:
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
    if base.key in FIRST_MEMBER:
        members[0] = people[FIRST_MEMBER[base.key]]
    _admit_all(committee=committee, chair=chair, members=members)
    secretary = people["ana"] if base.key == "school" else members[1]
    services.role_assign(committee=committee, person=secretary, kind="secretary", by=chair)
    parents = [coordination.regions["minneapolis"]]
    if base.industry:
        parents.append(coordination.industries[base.industry])
    for parent in parents:
        _link(child=committee, parent=parent, officer=chair_of(parent))
        delegate = chair if base.key == "garage" else members[2]
        services.seat_assign(parent=parent, committee=committee, person=delegate, by=chair)
        services.seat_assign(
            parent=parent,
            committee=committee,
            person=members[3 if parent == parents[0] else 4],
            by=chair,
        )
    if base.key == "garage":
        _applicants(committee=committee, people=pool[:3], chair=chair)


def _link(*, child: Committee, parent: Committee, officer: Person) -> None:
    affiliation = services.affiliation_request(child=child, parent=parent, by=chair_of(child))
    services.affiliation_accept(affiliation=affiliation, by=officer)


def _admit_all(*, committee: Committee, chair: Person, members: list[Person]) -> None:
    _invitation, token = services.invitation_create(
        committee=committee, by=chair, valid_days=30, max_uses=None, label="first wave"
    )
    for person in members:
        membership = services.invitation_redeem(token=token, person=person)
        services.membership_vouch(membership=membership, by=chair)


def _applicants(*, committee: Committee, people: list[Person], chair: Person) -> None:
    _invitation, token = services.invitation_create(
        committee=committee, by=chair, valid_days=14, max_uses=10, label="night shift"
    )
    for person in people:
        try:
            services.invitation_redeem(token=token, person=person)
        except RuleViolation:
            continue
