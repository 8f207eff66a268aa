//! What anyone may read without an account: never a name, phone or household.

use async_trait::async_trait;

use super::StoreError;
use crate::api::public::{PublicCommune, PublicCommunePage};

/// The public pages' data.
#[async_trait]
pub trait Public: Send + Sync {
    /// Communes with a public page.
    async fn public_communes(&self) -> Result<Vec<PublicCommune>, StoreError>;
    /// A commune's public page: published issues and answers, no personal data.
    async fn public_commune_page(
        &self,
        slug: &str,
    ) -> Result<Option<PublicCommunePage>, StoreError>;
}
