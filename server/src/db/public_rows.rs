//! What the public pages, the receipt lookup and the publishing screen read about an issue,
//! decoded once for both backends. The select names staff-written text, places and counts
//! only: no column of a resident's name, phone or household is ever in it.

use std::collections::HashMap;

use chrono::NaiveDate;

use app::api::public::{
    OpinionTrail, PublicAnswer, PublicConclusion, PublicGroup, PublicIssue, PublishableIssue,
};
use app::domain::conclusion::Disposition;
use app::domain::ids::{CampaignId, CommuneId, GroupId, IssueId, UserId};
use app::domain::publication::{IssueFacts, OpinionFacts, PublishRefusal};
use app::ports::{AuditEntry, Selection, StoreError};

use super::rows::{disposition, report_state};

/// Columns of [`IssueLine`]; the caller adds its `where` (on `i`) and `order by`.
pub(crate) const ISSUE_SELECT: &str = "select i.id, i.campaign_id, c.title as campaign,
    t.name as topic, i.title, i.summary, i.authority, i.published, c.notice_published,
    (select count(*) from opinions o where o.issue_id = i.id) as supporters,
    an.content as answer_content, an.result as answer_result,
    an.resolution_time as answer_time, an.resolving_body as answer_body,
    exists (select 1 from assignments s where s.issue_id = i.id and s.status = 'open')
        as assigned,
    (select min(s.due_date) from assignments s where s.issue_id = i.id and s.status = 'open')
        as assignment_due,
    ci.disposition, ci.report_state, ci.report_due_on, ci.content as conclusion_content,
    coalesce(d.name, ci.body) as conclusion_body
  from issues i
  join topics t on t.id = i.topic_id
  join campaigns c on c.id = i.campaign_id
  left join answers an on an.id = (select a2.id from answers a2
                                    where a2.issue_id = i.id and a2.status = 'approved'
                                    order by a2.reviewed_at desc limit 1)
  left join conclusion_items ci on ci.issue_id = i.id
        and ci.conclusion_id = (select n.id from conclusions n
                                 where n.campaign_id = i.campaign_id and n.state = 'issued'
                                 order by n.version desc limit 1)
  left join departments d on d.id = ci.department_id ";

/// An issue with what the cycle decided about it.
#[derive(sqlx::FromRow)]
pub(crate) struct IssueLine {
    id: IssueId,
    campaign_id: CampaignId,
    campaign: String,
    topic: String,
    title: String,
    summary: String,
    authority: String,
    published: bool,
    notice_published: bool,
    supporters: i64,
    answer_content: Option<String>,
    answer_result: Option<String>,
    answer_time: Option<String>,
    answer_body: Option<String>,
    assigned: bool,
    assignment_due: Option<NaiveDate>,
    disposition: Option<String>,
    report_state: Option<String>,
    report_due_on: Option<NaiveDate>,
    conclusion_content: Option<String>,
    conclusion_body: Option<String>,
}

impl IssueLine {
    /// The issue.
    pub(crate) fn id(&self) -> IssueId {
        self.id
    }

    /// Its title.
    pub(crate) fn title(&self) -> &str {
        &self.title
    }

    /// Residents can read it.
    pub(crate) fn published(&self) -> bool {
        self.published
    }

    /// What the status and the publishing rule are decided from.
    pub(crate) fn facts(&self) -> Result<IssueFacts, StoreError> {
        let concluded = match (&self.disposition, &self.report_state) {
            (Some(d), Some(r)) => Some((disposition(d)?, report_state(r)?)),
            _ => None,
        };
        Ok(IssueFacts {
            answer_approved: self.answer_content.is_some(),
            assigned: self.assigned,
            higher_authority: self.authority == "higher",
            concluded,
        })
    }

    /// The approved answer's text, for a lookup of a published issue.
    pub(crate) fn answer_text(&self) -> Option<String> {
        self.answer_content.clone()
    }

    /// The issue as the public pages show it; the notice's words only once it is published.
    pub(crate) fn into_public(self, groups: Vec<PublicGroup>) -> Result<PublicIssue, StoreError> {
        let facts = self.facts()?;
        let due_on = match facts.concluded {
            Some((Disposition::Assigned, _)) => self.report_due_on,
            Some(_) => None,
            None => self.assignment_due,
        };
        let conclusion = match (
            self.notice_published,
            facts.concluded,
            self.conclusion_content,
        ) {
            (true, Some((disposition, _)), Some(content)) => Some(PublicConclusion {
                disposition,
                content,
                body: self.conclusion_body.unwrap_or_default(),
            }),
            _ => None,
        };
        let answer = self.answer_content.map(|content| PublicAnswer {
            content,
            result: self.answer_result.unwrap_or_default(),
            resolution_time: self.answer_time.unwrap_or_default(),
            resolving_body: self.answer_body.unwrap_or_default(),
        });
        Ok(PublicIssue {
            id: self.id,
            campaign_id: self.campaign_id,
            campaign: self.campaign,
            topic: self.topic,
            title: self.title,
            summary: self.summary,
            groups,
            supporters: self.supporters,
            status: facts.status(),
            due_on,
            answer,
            conclusion,
        })
    }

    /// The issue as the publishing screen lists it.
    pub(crate) fn into_publishable(self) -> Result<PublishableIssue, StoreError> {
        let facts = self.facts()?;
        Ok(PublishableIssue {
            id: self.id,
            topic: self.topic,
            title: self.title,
            status: facts.status(),
            publishable: facts.publishable(),
            published: self.published,
        })
    }
}

/// Columns of [`GroupOfIssue`]: the groups an issue's opinions came from, over `opinions o`
/// joined to `residential_groups g` and `issues i`.
pub(crate) const GROUPS_SELECT: &str = "select distinct o.issue_id, g.id as group_id,
    g.name as group_name, g.sort_order
  from opinions o
  join residential_groups g on g.id = o.group_id
  join issues i on i.id = o.issue_id ";

/// One group an issue's opinions came from.
#[derive(sqlx::FromRow)]
pub(crate) struct GroupOfIssue {
    issue_id: IssueId,
    group_id: GroupId,
    group_name: String,
}

/// The groups of each issue, in the order the rows came.
pub(crate) fn groups_by_issue(rows: Vec<GroupOfIssue>) -> HashMap<IssueId, Vec<PublicGroup>> {
    let mut groups: HashMap<IssueId, Vec<PublicGroup>> = HashMap::new();
    for row in rows {
        groups.entry(row.issue_id).or_default().push(PublicGroup {
            id: row.group_id,
            name: row.group_name,
        });
    }
    groups
}

/// Public issues from their lines and groups.
pub(crate) fn public_issues(
    lines: Vec<IssueLine>,
    groups: Vec<GroupOfIssue>,
) -> Result<Vec<PublicIssue>, StoreError> {
    let mut groups = groups_by_issue(groups);
    lines
        .into_iter()
        .map(|line| {
            let of_issue = groups.remove(&line.id()).unwrap_or_default();
            line.into_public(of_issue)
        })
        .collect()
}

/// An opinion of a looked-up form.
#[derive(sqlx::FromRow)]
pub(crate) struct TrailOpinion {
    pub(crate) topic: String,
    pub(crate) body: String,
    pub(crate) out_of_scope_reason: Option<String>,
    pub(crate) issue_id: Option<IssueId>,
}

impl TrailOpinion {
    /// What happened to this opinion, given its issue (if merged into one), the day the form
    /// arrived and the campaign's issued notice (number, date).
    pub(crate) fn into_trail(
        self,
        issue: Option<IssueLine>,
        received_on: NaiveDate,
        notice: Option<(String, NaiveDate)>,
    ) -> Result<OpinionTrail, StoreError> {
        let facts = OpinionFacts {
            received_on: Some(received_on),
            out_of_scope: self.out_of_scope_reason,
            published_answer: issue
                .as_ref()
                .filter(|line| line.published())
                .and_then(IssueLine::answer_text),
            issue: match &issue {
                Some(line) => Some((line.title().to_owned(), line.facts()?)),
                None => None,
            },
            notice,
        };
        Ok(OpinionTrail {
            topic: self.topic,
            text: self.body,
            steps: facts.trail(),
        })
    }
}

/// The issues a publishing change really changes, or why it may not: every named issue must be
/// the campaign's, and one that is published must have a result to show.
pub(crate) fn publish_targets(
    lines: &[IssueLine],
    selection: &Selection,
    published: bool,
) -> Result<Result<Vec<IssueId>, PublishRefusal>, StoreError> {
    let mut targets = Vec::new();
    match selection {
        Selection::All => {
            for line in lines {
                if line.published != published && (!published || line.facts()?.publishable()) {
                    targets.push(line.id);
                }
            }
        }
        Selection::Issues(ids) => {
            for id in ids {
                let Some(line) = lines.iter().find(|l| l.id == *id) else {
                    return Ok(Err(PublishRefusal::NotFound));
                };
                if published && !line.facts()?.publishable() {
                    return Ok(Err(PublishRefusal::NothingToPublish));
                }
                if line.published != published && !targets.contains(id) {
                    targets.push(*id);
                }
            }
        }
    }
    Ok(Ok(targets))
}

/// The audit trail's before and after of a publishing change.
fn published_json(published: bool) -> String {
    serde_json::json!({ "published": published }).to_string()
}

/// The audit entry of an issue published or withdrawn.
pub(crate) fn issue_publish_entry(
    commune_id: CommuneId,
    actor: UserId,
    issue_id: IssueId,
    published: bool,
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(commune_id),
        actor_id: Some(actor),
        entity: "issue",
        entity_id: issue_id.to_string(),
        action: if published { "publish" } else { "unpublish" },
        before: Some(published_json(!published)),
        after: Some(published_json(published)),
    }
}

/// The audit entry of the conclusion notice published or withdrawn.
pub(crate) fn notice_publish_entry(
    commune_id: CommuneId,
    actor: UserId,
    campaign_id: CampaignId,
    published: bool,
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(commune_id),
        actor_id: Some(actor),
        entity: "campaign",
        entity_id: campaign_id.to_string(),
        action: if published {
            "publish_notice"
        } else {
            "unpublish_notice"
        },
        before: Some(published_json(!published)),
        after: Some(published_json(published)),
    }
}
