//! What both backends share to erase personal data and audit its retention setting.

use std::collections::HashMap;

use app::domain::ids::{CampaignId, CommuneId, FormId, GroupId, UserId};
use app::domain::personal_data::{Erased, household_pseudonym, is_pseudonym};
use app::ports::AuditEntry;

/// A form of a campaign whose personal data is being erased.
#[derive(sqlx::FromRow)]
pub(crate) struct ErasableForm {
    id: FormId,
    /// The household as the desk's counts key it (trimmed, lower case); empty when none.
    household_key: Option<String>,
    /// It holds a name, a phone or a household.
    pub(crate) personal: bool,
}

/// The new household of every form holding personal data, and how many distinct households
/// there were. The same household gets the same pseudonym, so the desk's household counts do
/// not move; numbering follows the order the forms arrived in, which says nothing of a house.
pub(crate) fn households_renamed(forms: &[ErasableForm]) -> (Vec<(FormId, Option<String>)>, i64) {
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let mut renamed = Vec::new();
    for form in forms.iter().filter(|f| f.personal) {
        let household = match form.household_key.as_deref().filter(|k| !k.is_empty()) {
            Some(key) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(key).or_insert(next);
                Some(household_pseudonym(n))
            }
            None => None,
        };
        renamed.push((form.id, household));
    }
    (renamed, numbers.len() as i64)
}

/// The form a resident asked to be erased.
#[derive(sqlx::FromRow)]
pub(crate) struct RequestedForm {
    pub(crate) id: FormId,
    pub(crate) campaign_id: CampaignId,
    pub(crate) group_id: GroupId,
    household: Option<String>,
    household_key: Option<String>,
}

impl RequestedForm {
    /// The household key to rename, unless there is none or it is already a pseudonym.
    pub(crate) fn erasable_household(&self) -> Option<&str> {
        let household = self.household.as_deref()?;
        if household.trim().is_empty() || is_pseudonym(household) {
            return None;
        }
        self.household_key.as_deref().filter(|k| !k.is_empty())
    }
}

/// The audit entry of one form's erasure at the resident's request.
pub(crate) fn form_erasure_entry(
    commune_id: CommuneId,
    actor: UserId,
    form_id: FormId,
    erased: &Erased,
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(commune_id),
        actor_id: Some(actor),
        entity: "form",
        entity_id: form_id.to_string(),
        action: "erase_personal_data",
        before: None,
        after: Some(serde_json::json!(erased).to_string()),
    }
}

/// The audit entry of a campaign's erasure once its retention ran out (no actor: the schedule).
pub(crate) fn campaign_erasure_entry(
    commune_id: CommuneId,
    campaign_id: CampaignId,
    erased: &Erased,
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(commune_id),
        actor_id: None,
        entity: "campaign",
        entity_id: campaign_id.to_string(),
        action: "erase_personal_data",
        before: None,
        after: Some(serde_json::json!(erased).to_string()),
    }
}

/// The audit entry of a changed retention period.
pub(crate) fn retention_entry(
    commune_id: CommuneId,
    actor: UserId,
    before: i64,
    after: i64,
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(commune_id),
        actor_id: Some(actor),
        entity: "commune",
        entity_id: commune_id.to_string(),
        action: "retention",
        before: Some(serde_json::json!({ "retention_days": before }).to_string()),
        after: Some(serde_json::json!({ "retention_days": after }).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(key: Option<&str>, personal: bool) -> ErasableForm {
        ErasableForm {
            id: FormId::new(),
            household_key: key.map(str::to_owned),
            personal,
        }
    }

    #[test]
    fn one_household_keeps_one_pseudonym() {
        let forms = [
            form(Some("số 4 ngõ 2"), true),
            form(Some("xóm đông"), true),
            form(Some("số 4 ngõ 2"), true),
            form(Some(""), true),
            form(None, false),
        ];
        let (renamed, households) = households_renamed(&forms);
        assert_eq!(households, 2);
        let names: Vec<Option<&str>> = renamed.iter().map(|(_, h)| h.as_deref()).collect();
        assert_eq!(
            names,
            [Some("Hộ số 1"), Some("Hộ số 2"), Some("Hộ số 1"), None]
        );
    }
}
