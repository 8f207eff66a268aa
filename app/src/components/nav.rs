//! What each role finds in the navigation.

use crate::domain::role::Role;

/// One navigation entry: label and target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    /// Vietnamese label.
    pub label: &'static str,
    /// Link target.
    pub href: &'static str,
}

const fn item(label: &'static str, href: &'static str) -> NavItem {
    NavItem { label, href }
}

/// The entries shown to a role, in order. Anchors point at sections of the role's home.
pub fn nav_items(role: Option<Role>) -> Vec<NavItem> {
    let home = item("Trang chủ", "/");
    match role {
        None => vec![home, item("Đăng nhập", "/dang-nhap")],
        Some(Role::Collector) => vec![
            home,
            item("Phiếu mới", "/thu-phieu"),
            item("Phiếu của tôi", "/phieu-cua-toi"),
            item("Đợt đối thoại của tôi", "/#dot-doi-thoai"),
        ],
        Some(Role::WardStaff) => vec![
            home,
            item("Kế hoạch", "/ke-hoach"),
            item("Tiếp nhận ý kiến", "/#tiep-nhan"),
            item("Nhập phiếu giấy", "/thu-phieu"),
            item("Chờ phê duyệt", "/#cho-phe-duyet"),
            item("Theo dõi, đôn đốc", "/#theo-doi"),
            item("Thống kê", "/thong-ke"),
            item("Dữ liệu cá nhân", "/du-lieu-ca-nhan"),
        ],
        Some(Role::Chair) => vec![
            home,
            item("Chờ phê duyệt", "/#cho-phe-duyet"),
            item("Kế hoạch", "/ke-hoach"),
            item("Tiếp nhận ý kiến", "/#tiep-nhan"),
            item("Theo dõi, đôn đốc", "/#theo-doi"),
            item("Giám sát kết luận", "/giam-sat"),
            item("Thống kê", "/thong-ke"),
            item("Dữ liệu cá nhân", "/du-lieu-ca-nhan"),
        ],
        Some(Role::DepartmentOfficer) => vec![home, item("Việc được giao", "/#viec-duoc-giao")],
        Some(Role::Supervisor) => vec![
            home,
            item("Giám sát thực hiện", "/#theo-doi"),
            item("Giám sát kết luận", "/giam-sat"),
            item("Tiếp nhận ý kiến", "/#tiep-nhan"),
            item("Thống kê", "/thong-ke"),
        ],
        Some(Role::Admin) => vec![
            home,
            item("Đơn vị hành chính", "/#don-vi"),
            item("Lịch ngày nghỉ", "/quan-tri/ngay-nghi"),
            item("Nhật ký thay đổi", "/quan-tri/nhat-ky"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visitors_are_offered_the_login() {
        assert!(nav_items(None).iter().any(|i| i.href == "/dang-nhap"));
    }

    #[test]
    fn collectors_see_no_staff_screens() {
        let items = nav_items(Some(Role::Collector));
        assert!(items.iter().all(|i| !i.href.contains("tiep-nhan")));
    }

    #[test]
    fn every_role_starts_at_home() {
        for role in Role::ALL {
            assert_eq!(nav_items(Some(role))[0].href, "/");
        }
    }
}
