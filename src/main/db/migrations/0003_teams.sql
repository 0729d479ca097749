-- Teams: named groups of members with one role, linked to organizations (or to
-- all of them, present and future). A team's role applies in every linked
-- organization. Teams from the identity provider have source 'scim'.

CREATE TABLE teams (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_key   TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  source     TEXT NOT NULL CHECK (source IN ('manual', 'scim')),
  all_orgs   INTEGER NOT NULL DEFAULT 0 CHECK (all_orgs IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX teams_all_orgs ON teams (all_orgs) WHERE all_orgs = 1;

-- Membership goes with the seat: releasing a member removes them from every team.
CREATE TABLE team_members (
  team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES members (account_id) ON DELETE CASCADE,
  since      TEXT NOT NULL,
  PRIMARY KEY (team_id, account_id)
) STRICT;

CREATE INDEX team_members_account ON team_members (account_id);

CREATE TABLE team_orgs (
  team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  org_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  since   TEXT NOT NULL,
  PRIMARY KEY (team_id, org_id)
) STRICT;

CREATE INDEX team_orgs_org ON team_orgs (org_id);

-- Teams an invitation names: accepting it adds the new member to them.
CREATE TABLE invitation_teams (
  invitation_id INTEGER NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  team_id       INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  PRIMARY KEY (invitation_id, team_id)
) STRICT;

CREATE INDEX invitation_teams_team ON invitation_teams (team_id);
