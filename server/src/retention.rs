//! The erasure of residents' personal data once a commune's retention period after a
//! campaign's closing has run out: run by `server erase-personal-data` and by the server itself
//! once a day.

use std::time::Duration;

use chrono::Utc;

use app::ports::{Erasure, SharedStore, StoreError};

/// How often the server looks for campaigns due for erasure.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Erases what is due now, and logs each campaign.
pub async fn erase_due(store: &SharedStore) -> Result<Vec<Erasure>, StoreError> {
    let erasures = store.erase_due_personal_data(Utc::now()).await?;
    for e in &erasures {
        tracing::info!(
            campaign = %e.campaign_id,
            title = %e.title,
            forms = e.erased.forms,
            households = e.erased.households,
            speakers = e.erased.speakers,
            conflicts = e.erased.conflicts,
            "personal data erased"
        );
    }
    Ok(erasures)
}

/// Runs [`erase_due`] at start and then every [`EVERY`], for as long as the server runs. A
/// failure is logged and tried again at the next turn.
pub fn spawn_daily(store: SharedStore) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = erase_due(&store).await {
                tracing::error!(%error, "erasing personal data failed; retrying tomorrow");
            }
        }
    });
}
