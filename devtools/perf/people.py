"""The generator's first stage: organisations, teams, users in every role, sign-ins."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import Organisation, Team, User
from devtools.perf import words
from devtools.perf.sizes import PERF_PASSWORD, PERF_USERS


class PeopleStage:
    """Part of `generate.Generator`: uses its random source, ids and `add`."""

    def people(self) -> None:
        council_id = self._organisations()
        groups = dict(Group.objects.filter(name__in=roles.ALL_ROLES).values_list("name", "pk"))
        # One hash for every account, salted from the seed so that runs are repeatable.
        password = make_password(PERF_PASSWORD, salt=f"perfseed{self.seed:08d}")
        for email, role in self._accounts():
            self._user(email, role, council_id=council_id, password=password, groups=groups)
        self.officers = [pk for pk, _ in self.by_role[roles.OFFICER]]
        self.managers = [pk for pk, _ in self.by_role[roles.PLAN_MANAGER]]
        self.scrutineers = [pk for pk, _ in self.by_role[roles.SCRUTINY]]
        self.verifiers = self.managers + [pk for pk, _ in self.by_role[roles.AUDITOR]]

    def _organisations(self) -> int:
        """The council and its partners with their teams; returns the council's id."""
        self.lead_teams: list[int] = []
        self.team_members: dict[int, list[int]] = {}
        council_id = None
        team_names = iter(words.TEAM_NAMES * 3)
        for name, kind, teams in words.ORGANISATIONS:
            org_id = self.new_id(Organisation)
            council_id = council_id or org_id
            self.add(Organisation, (org_id, name, kind, True), at=self.now, by=None)
            for _ in range(teams):
                team_id = self.new_id(Team)
                self.add(Team, (team_id, org_id, next(team_names), True), at=self.now, by=None)
                self.lead_teams.append(team_id)
                self.team_members[team_id] = []
        # The perf officer's own team leads nothing, so "my actions" is exactly MY_ACTIONS.
        self.quiet_team = self.new_id(Team)
        self.add(Team, (self.quiet_team, council_id, "Performance office", True), at=self.now)
        return council_id

    def _accounts(self) -> list[tuple[str, str]]:
        """(e-mail, role) for every account: the five named ones, then each role's share."""
        rest = self.sizes.users - len(PERF_USERS)
        share = {
            roles.PLAN_MANAGER: max(1, rest * 5 // 100),
            roles.SCRUTINY: max(1, rest // 10),
            roles.AUDITOR: max(1, rest * 4 // 100),
            "": max(1, rest // 100),  # administrators hold no role group
        }
        share[roles.OFFICER] = rest - sum(share.values())
        named = [
            ("officer", roles.OFFICER),
            ("manager", roles.PLAN_MANAGER),
            ("scrutiny", roles.SCRUTINY),
            ("auditor", roles.AUDITOR),
            ("admin", ""),
        ]
        self.by_role: dict[str, list[tuple[int, str]]] = {role: [] for role in share}
        people = [(PERF_USERS[key], role) for key, role in named]
        for role, count in share.items():
            slug = (role or "admin").lower().replace(" ", "-")
            people += [(f"perf-{slug}-{n:05d}@example.org", role) for n in range(1, count + 1)]
        return people

    def _user(self, email: str, role: str, *, council_id: int, password: str, groups: dict):
        """One account, its role group, its teams and its sign-ins."""
        rng = self.rng
        user_id = self.new_id(User)
        name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
        is_admin = role == ""
        joined = self.days_ago(30, 1_500)
        self.add(
            User,
            (user_id, email, name, rng.choice(words.JOB_TITLES[role]), council_id,
             password, is_admin, is_admin, True, joined, rng.random() < 0.8),
            at=joined,
        )  # fmt: skip
        self.names[user_id] = name
        if role:
            self.add(self.through["groups"], (self.new_id(self.through["groups"]), user_id,
                                              groups[role]))  # fmt: skip
        if email == PERF_USERS["officer"]:
            self.perf_officer = user_id
            teams = [self.quiet_team]
        elif role == roles.OFFICER:
            self.by_role[role].append((user_id, name))
            teams = rng.sample(self.lead_teams, 2 if rng.random() < 0.1 else 1)
        else:
            self.by_role[role].append((user_id, name))
            teams = []
        self._sign_ins(user_id, email, name)
        for team_id in teams:
            self.add(self.through["teams"], (self.new_id(self.through["teams"]), user_id,
                                             team_id))  # fmt: skip
            self.team_members.setdefault(team_id, []).append(user_id)

    def _sign_ins(self, user_id: int, email: str, name: str) -> None:
        """About a month of working days' sign-ins and sign-outs, and the odd failure."""
        if self.sign_ins is None:
            return
        rng = self.rng
        address = f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36"
        for _ in range(rng.randint(5, 40)):
            at = self.days_ago(0.1, 365)
            events = [("signed_in", at)]
            if rng.random() < 0.6:
                events.append(("signed_out", at + timedelta(minutes=rng.randint(2, 25))))
            if rng.random() < 0.04:
                events.insert(0, ("failed", at - timedelta(seconds=40)))
            for kind, when in events:
                row = (self.new_id(self.sign_ins), kind, email, user_id, name, address, agent, when)
                self.loader.add(self.sign_ins, row)
