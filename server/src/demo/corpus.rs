//! Realistic text the demo commune is built from.
//!
//! The demo commune is modelled on xã Bắc Thanh Miện (thành phố Hải Phòng, former Hải Dương
//! area) preparing the 2026 tiếp xúc, đối thoại between the Chủ tịch UBND xã and the people of
//! its thôn. Everything here is invented, generic sample text in Vietnamese: resident opinions
//! as a collector writes them on the phiếu hỏi, name parts for generated residents, and issues
//! the commune has already answered and published. Opinion texts may contain the placeholder
//! `{thon}`, to be replaced by the name of the group (thôn) the opinion is attributed to.

/// One resident opinion as a collector would write it down.
#[derive(Debug, Clone, Copy)]
pub struct OpinionSample {
    /// Topic code: one of "kinh_te", "van_hoa_xa_hoi", "an_ninh_quoc_phong", "nong_thon_moi",
    /// "thu_tuc_hanh_chinh", "khac".
    pub topic: &'static str,
    /// What the resident says (1–3 sentences); may contain the placeholder `{thon}`.
    pub text: &'static str,
    /// What the resident proposes (one sentence, may be empty "").
    pub proposal: &'static str,
}

/// Sample resident opinions, at least ten per topic code, with deliberate near-duplicates
/// (same road, same streetlights, same waste point, same night racing...) worded differently
/// so that duplicate merging has something to find.
pub const OPINIONS: &[OpinionSample] = &[
    // ----------------------------------------------------------------- kinh_te
    OpinionSample {
        topic: "kinh_te",
        text: "Giá lúa vụ chiêm xuân vừa rồi bị thương lái ép giá, trong khi phân bón, thuốc bảo vệ thực vật và tiền thuê máy gặt đều tăng nên trồng lúa gần như không có lãi.",
        proposal: "Đề nghị xã kết nối doanh nghiệp thu mua lúa theo hợp đồng, có giá sàn ổn định cho bà con.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Nhiều hộ ở thôn {thon} bỏ ruộng vì thiếu lao động, người trẻ đi làm công ty hết. Ruộng để hoang cỏ mọc cao, chuột bọ sang phá các thửa bên cạnh.",
        proposal: "Đề nghị xã có chính sách khuyến khích tích tụ ruộng đất, cho các hộ sản xuất giỏi thuê lại ruộng để làm lớn.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Tôi muốn chuyển mấy sào ruộng trũng sang đào ao thả cá, trên bờ trồng cây ăn quả, nhưng không biết thủ tục chuyển đổi thế nào, sợ làm sai lại bị xử phạt.",
        proposal: "Đề nghị Phòng Kinh tế hướng dẫn cụ thể trình tự chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Lao động nữ ngoài 40 tuổi ở thôn khó xin vào công ty, muốn học nghề may hoặc làm bánh để có thu nhập tại chỗ nhưng mấy năm nay không thấy mở lớp dạy nghề nào.",
        proposal: "Đề nghị xã mở các lớp đào tạo nghề ngắn hạn, miễn học phí cho lao động nông thôn.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Đàn lợn nhà tôi năm ngoái bị dịch tả lợn châu Phi phải tiêu hủy, đã làm đủ biên bản mà đến nay vẫn chưa nhận được tiền hỗ trợ.",
        proposal: "Đề nghị xã cho biết tiến độ chi trả hỗ trợ thiệt hại do dịch bệnh cho các hộ chăn nuôi.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Từ năm nay bỏ thuế khoán, hộ kinh doanh nhỏ như nhà tôi bán tạp hóa cũng phải tự kê khai, dùng hóa đơn điện tử, người lớn tuổi không biết làm thế nào.",
        proposal: "Đề nghị cơ quan thuế phối hợp với xã mở buổi hướng dẫn kê khai thuế cho hộ kinh doanh ngay tại nhà văn hóa thôn.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Vay vốn Ngân hàng Chính sách xã hội để làm chuồng trại thì hạn mức thấp, xét duyệt qua tổ tiết kiệm và vay vốn còn chậm, lỡ cả thời vụ.",
        proposal: "Đề nghị nâng hạn mức cho vay giải quyết việc làm và rút ngắn thời gian xét duyệt hồ sơ vay.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Cánh đồng sau thôn {thon} đã dồn điền đổi thửa nhưng đường nội đồng còn nhỏ, máy gặt đập liên hợp không vào được, bà con vẫn phải gánh lúa ra tận đường trục.",
        proposal: "Đề nghị mở rộng, cứng hóa đường trục chính nội đồng để đưa máy móc vào sản xuất.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Năm nay xã có hỗ trợ giống lúa chất lượng cao không? Năm ngoái có hộ được nhận, có hộ không, bà con thắc mắc mãi.",
        proposal: "Đề nghị công khai tiêu chí và danh sách các hộ được hỗ trợ giống, phân bón.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Con tôi đăng ký đi xuất khẩu lao động Nhật Bản qua một người môi giới, nộp tiền hơn một năm rồi mà chưa được xuất cảnh, gọi điện thì cứ hẹn lần hẹn lữa.",
        proposal: "Đề nghị xã giới thiệu các doanh nghiệp đưa người lao động đi làm việc ở nước ngoài được cấp phép để dân tránh bị lừa.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Các cụm công nghiệp quanh xã tuyển nhiều lao động nhưng thông tin tuyển dụng không về đến thôn, bà con toàn nghe truyền miệng.",
        proposal: "Đề nghị đọc thông báo tuyển dụng trên loa truyền thanh và đăng lên nhóm Zalo của thôn.",
    },
    OpinionSample {
        topic: "kinh_te",
        text: "Hợp tác xã dịch vụ nông nghiệp hoạt động cầm chừng, chủ yếu lo điều tiết nước, chưa làm được dịch vụ vật tư đầu vào hay tiêu thụ nông sản cho xã viên.",
        proposal: "",
    },
    // ---------------------------------------------------------- van_hoa_xa_hoi
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Bố tôi năm nay 76 tuổi, không có lương hưu. Nghe nói từ tháng 7/2025 người từ đủ 75 tuổi được hưởng trợ cấp hưu trí xã hội nhưng gia đình chưa biết làm hồ sơ ở đâu.",
        proposal: "Đề nghị xã rà soát và hướng dẫn tận nhà cho các cụ đủ điều kiện hưởng trợ cấp.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Tiền đóng bảo hiểm y tế học sinh nộp qua nhà trường, nhà có hai, ba cháu đi học thì khoản này khá nặng với gia đình làm nông.",
        proposal: "Đề nghị xem xét hỗ trợ thêm mức đóng BHYT học sinh cho hộ cận nghèo và hộ có hoàn cảnh khó khăn.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Điểm trường mầm non ở thôn {thon} xuống cấp, mái tôn dột mỗi khi mưa, sân chơi không có mái che nên các cháu ra chơi bị nắng.",
        proposal: "Đề nghị sửa mái và làm mái che sân chơi trước khi vào năm học mới.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Trạm Y tế xã hay thiếu thuốc bảo hiểm, ra khám nhiều lần chỉ được kê đơn rồi tự ra hiệu thuốc mua. Người già huyết áp, tiểu đường đi lại rất vất vả.",
        proposal: "Đề nghị bổ sung đủ thuốc điều trị tăng huyết áp, tiểu đường tại Trạm Y tế xã.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Nhà văn hóa thôn {thon} có sân rộng nhưng chưa có dụng cụ tập thể dục; chị em muốn tập dưỡng sinh, nhảy dân vũ buổi tối mà thiếu đèn, thiếu loa.",
        proposal: "Đề nghị xã hỗ trợ bộ dụng cụ thể thao ngoài trời và đèn chiếu sáng sân nhà văn hóa.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Việc cưới, việc tang trong thôn còn kéo dài, ăn uống nhiều ngày, dựng rạp chiếm cả lòng đường; đám tang thì thuê kèn, hát đến khuya.",
        proposal: "Đề nghị đưa quy định về việc cưới, việc tang văn minh vào hương ước, quy ước của thôn và nhắc nhở thường xuyên.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Quán karaoke đầu thôn hát đến 12 giờ đêm, nhà dân thì mở loa kéo hết cỡ, người già và các cháu ôn thi không ngủ được.",
        proposal: "Đề nghị xã kiểm tra, xử lý các trường hợp gây ồn ào sau 22 giờ.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Mẹ tôi là thân nhân liệt sĩ đã mất, anh em trong nhà đã thống nhất cử người thờ cúng mới nhưng đến nay trợ cấp thờ cúng liệt sĩ vẫn chưa được giải quyết.",
        proposal: "Đề nghị Phòng Văn hóa - Xã hội hướng dẫn đầy đủ hồ sơ và giải quyết sớm cho gia đình.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Học sinh tiểu học ở thôn {thon} đi học phải băng qua đường tỉnh, xe tải chạy rất nhanh, sáng nào phụ huynh cũng thấp thỏm.",
        proposal: "Đề nghị bố trí người phân luồng giờ tan trường và làm gờ giảm tốc trước cổng trường.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Việc bình xét hộ nghèo, cận nghèo có chỗ chưa khách quan, có hộ kinh tế khá vẫn nằm trong danh sách cận nghèo để được cấp thẻ BHYT.",
        proposal: "Đề nghị niêm yết công khai danh sách hộ nghèo, cận nghèo tại nhà văn hóa thôn để Nhân dân giám sát.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Loa truyền thanh của thôn hỏng mấy tháng nay, lịch tiêm chủng, lịch họp thôn bà con không nắm được.",
        proposal: "Đề nghị sửa chữa hoặc thay loa truyền thanh thông minh cho thôn.",
    },
    OpinionSample {
        topic: "van_hoa_xa_hoi",
        text: "Nhiều cụ sống một mình, con cái đi làm xa, ốm đau không ai hay. Hội Người cao tuổi muốn đi thăm hỏi thường xuyên nhưng không có kinh phí.",
        proposal: "Đề nghị xã hỗ trợ kinh phí thành lập câu lạc bộ liên thế hệ tự giúp nhau ở thôn.",
    },
    // ------------------------------------------------------ an_ninh_quoc_phong
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Tối thứ Bảy, Chủ nhật nhóm thanh niên tụ tập đua xe máy trên đường trục xã đoạn qua thôn {thon}, rú ga, nẹt pô đến 1–2 giờ sáng, rất nguy hiểm.",
        proposal: "Đề nghị Công an xã tăng cường tuần tra ban đêm vào các ngày cuối tuần.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Đêm nào cũng nghe xe nẹt pô phóng như bay qua cổng nhà văn hóa thôn {thon}, nhiều cháu chưa đủ tuổi lái xe mà bố mẹ không quản lý.",
        proposal: "Đề nghị xử lý nghiêm và mời phụ huynh các cháu đua xe lên làm việc.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Tình trạng thanh thiếu niên chạy xe tốc độ cao, lạng lách vào ban đêm trên tuyến đường liên xã vẫn tái diễn dù đã phản ánh nhiều lần.",
        proposal: "Đề nghị lắp camera giám sát tại các điểm nóng và lập chốt vào khung giờ đêm.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Dịp nông nhàn và sau Tết có mấy điểm tụ tập đánh bạc, chơi xóc đĩa ở khu lều ven đồng, người lạ từ nơi khác cũng đến chơi.",
        proposal: "Đề nghị Công an xã kiểm tra, triệt phá các tụ điểm cờ bạc.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Gần đây nhiều người bị gọi điện giả danh công an, cán bộ thuế yêu cầu cài ứng dụng để cập nhật định danh; có bác ở thôn {thon} đã bị lừa mất hơn 100 triệu đồng.",
        proposal: "Đề nghị tuyên truyền thường xuyên cách nhận biết, phòng tránh lừa đảo qua mạng trên loa truyền thanh và trong các buổi họp thôn.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Trộm cắp vặt xảy ra nhiều: mất gà, mất máy bơm ngoài đồng, có nhà để xe máy ngoài sân bị dắt mất lúc nửa đêm.",
        proposal: "Đề nghị phát huy tổ bảo vệ an ninh, trật tự ở cơ sở và vận động các hộ lắp camera kết nối chung toàn thôn.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Thuốc lá điện tử đã bị cấm nhưng học sinh cấp 2, cấp 3 vẫn hút, có loại nghi trộn chất lạ, vẫn thấy bán lén lút ở mấy quán gần trường.",
        proposal: "Đề nghị kiểm tra, xử lý các điểm bán thuốc lá điện tử quanh trường học.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Anh em tổ bảo vệ an ninh, trật tự ở cơ sở đi tuần cả đêm nhưng mức hỗ trợ hằng tháng thấp, trang bị chỉ có đèn pin và gậy.",
        proposal: "Đề nghị nâng mức hỗ trợ và trang bị thêm áo mưa, đèn, bộ đàm cho tổ bảo vệ an ninh, trật tự.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Khám tuyển nghĩa vụ quân sự năm nay có gia đình thắc mắc vì sao con nhà này được tạm hoãn, con nhà kia phải đi, cần làm rõ để bà con yên tâm.",
        proposal: "Đề nghị công khai danh sách gọi nhập ngũ và các trường hợp tạm hoãn tại nhà văn hóa thôn.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Chế độ cho dân quân tại chỗ khi đi huấn luyện, trực sẵn sàng chiến đấu dịp lễ Tết vẫn chi trả chậm.",
        proposal: "Đề nghị Ban Chỉ huy Quân sự xã chi trả đầy đủ, đúng thời hạn chế độ cho dân quân.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Quán karaoke ở cuối thôn {thon} mở đến nửa đêm, khách say rượu thỉnh thoảng cãi nhau, đánh nhau ngay ngoài đường.",
        proposal: "Đề nghị kiểm tra giấy phép và giờ hoạt động của quán karaoke.",
    },
    OpinionSample {
        topic: "an_ninh_quoc_phong",
        text: "Mấy dãy nhà trọ gần cụm công nghiệp có nhiều người lạ thuê ở nhưng không thấy chủ nhà trọ khai báo tạm trú, bà con lo ngại.",
        proposal: "Đề nghị Công an xã kiểm tra việc đăng ký tạm trú, lưu trú tại các nhà trọ.",
    },
    // ----------------------------------------------------------- nong_thon_moi
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Đường trục thôn {thon} đoạn từ nhà văn hóa ra cánh đồng bị xuống cấp nghiêm trọng, nhiều ổ gà, trời mưa đọng nước, học sinh đi xe đạp hay bị ngã.",
        proposal: "Đề nghị xã sớm đưa tuyến đường này vào kế hoạch cải tạo, nâng cấp năm 2026.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Con đường từ nhà văn hóa thôn {thon} ra đồng làm từ năm 2012, giờ bong hết lớp bê tông, lởm chởm đá, xe chở lúa đi rất khó.",
        proposal: "Đề nghị đổ lại mặt đường bê tông và mở rộng lên 5 m.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Xin hỏi bao giờ làm lại đường ra đồng của thôn {thon}? Mùa mưa ổ gà sâu gần gang tay, tối đi xe máy không nhìn thấy, đã có người ngã gãy tay.",
        proposal: "",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Hệ thống đèn chiếu sáng đường làng ở thôn {thon} hỏng nhiều bóng, đoạn từ cổng làng đến trường mầm non tối om, buổi tối đi lại không an toàn.",
        proposal: "Đề nghị thay bóng hỏng và lắp thêm cột đèn ở đoạn gần trường.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Đèn đường thôn {thon} lúc sáng lúc tắt, có cột tắt cả tháng không ai sửa, nhà dân phải tự bật đèn cổng để soi đường.",
        proposal: "Đề nghị giao một đơn vị cụ thể quản lý, bảo trì đèn đường và công bố số điện thoại để dân báo hỏng.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Tuyến đường từ thôn {thon} sang trung tâm xã dài gần 1 km chưa có đèn chiếu sáng, chị em đi làm ca về khuya rất sợ.",
        proposal: "Đề nghị đầu tư lắp đèn năng lượng mặt trời trên tuyến đường này.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Rác sinh hoạt ở thôn {thon} mỗi tuần chỉ thu gom hai lần, rác ùn ở điểm tập kết đầu làng bốc mùi, chó mèo bới tung ra đường.",
        proposal: "Đề nghị tăng số lần thu gom rác lên ít nhất bốn lần một tuần.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Điểm tập kết rác cạnh cổng làng thường xuyên quá tải, xe rác đến muộn; mùa hè mùi hôi thối ảnh hưởng các hộ xung quanh.",
        proposal: "Đề nghị di chuyển điểm tập kết rác ra xa khu dân cư và thu gom đúng lịch.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Tiền thu gom rác năm nay tăng mà rác vẫn thu không đều, nhiều hộ không muốn đóng.",
        proposal: "Đề nghị công khai mức thu, tổng số tiền thu được và khoản chi trả cho đơn vị thu gom.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Trại lợn của một hộ giáp khu dân cư thôn {thon} xả nước thải ra mương chung, những ngày nồm mùi hôi thối nồng nặc, ruồi muỗi rất nhiều.",
        proposal: "Đề nghị xã kiểm tra, yêu cầu trang trại làm hầm biogas và xử lý nước thải đạt chuẩn.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Nước thải chăn nuôi từ mấy hộ nuôi lợn chảy thẳng xuống ao làng, cá chết nổi trắng, các nhà gần đó không dám mở cửa sổ.",
        proposal: "Đề nghị xử lý dứt điểm tình trạng ô nhiễm do chăn nuôi trong khu dân cư.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Kênh mương tưới tiêu cánh đồng thôn {thon} bị bồi lắng, bèo và rác lấp kín; đầu vụ nước không về kịp, ruộng cuối kênh bị khô.",
        proposal: "Đề nghị nạo vét và kiên cố hóa kênh mương trước vụ mùa.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Rãnh thoát nước trong các ngõ xóm nhỏ lại bị lấn chiếm, mưa to là nước tràn vào nhà, ngõ ngập cả ngày mới rút.",
        proposal: "Đề nghị làm lại hệ thống rãnh thoát nước có nắp đậy trong các ngõ.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Nước sạch ở thôn {thon} áp lực yếu, chiều tối các nhà cuối đường ống không có nước, có hôm nước đục và có mùi lạ.",
        proposal: "Đề nghị đơn vị cấp nước kiểm tra chất lượng nước và tăng áp lực đường ống.",
    },
    OpinionSample {
        topic: "nong_thon_moi",
        text: "Xây dựng nông thôn mới kiểu mẫu bà con đều ủng hộ, nhưng việc vận động đóng góp làm tuyến đường hoa, cổng làng cần bàn công khai, không nên cào bằng giữa hộ khó khăn với hộ khá.",
        proposal: "Đề nghị đưa ra họp thôn để dân bàn mức đóng góp trước khi triển khai.",
    },
    // ------------------------------------------------------ thu_tuc_hanh_chinh
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu tại Trung tâm Phục vụ hành chính công xã từ tháng 10 năm ngoái, đến nay quá hẹn mà chưa có kết quả.",
        proposal: "Đề nghị cho biết hồ sơ đang vướng ở khâu nào và thời gian trả kết quả cụ thể.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Làm sổ đỏ bây giờ chậm quá, hẹn hết lần này đến lần khác, hỏi thì bảo chờ đo đạc, chờ văn phòng đăng ký đất đai.",
        proposal: "Đề nghị rút ngắn thời gian giải quyết và nhắn tin báo cho người dân khi hồ sơ có kết quả.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Hồ sơ sang tên sổ đỏ sau khi bố mẹ tặng cho đất đã nộp gần bốn tháng mà chưa nhận được giấy chứng nhận mới.",
        proposal: "Đề nghị đôn đốc Chi nhánh Văn phòng đăng ký đất đai giải quyết dứt điểm các hồ sơ quá hạn.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Tôi muốn tách thửa đất cho con nhưng nghe nói quy định mới về diện tích tối thiểu đã thay đổi, không biết thửa của mình có đủ điều kiện không.",
        proposal: "Đề nghị niêm yết công khai điều kiện và diện tích tối thiểu được tách thửa tại Trung tâm PVHCC.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Người già như chúng tôi không dùng điện thoại thông minh, nộp hồ sơ trên Cổng Dịch vụ công rất khó, lên xã lại được bảo về tự nộp trực tuyến.",
        proposal: "Đề nghị Trung tâm PVHCC bố trí người hướng dẫn và nộp hồ sơ hộ cho người cao tuổi.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Tài khoản định danh điện tử mức 2 trên VNeID của nhiều người bị khóa hoặc quên mật khẩu, ra Công an xã thì đông, phải chờ lâu.",
        proposal: "Đề nghị tổ công nghệ số cộng đồng xuống từng thôn hỗ trợ kích hoạt, khôi phục tài khoản VNeID.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Sau khi sắp xếp, sáp nhập xã, trụ sở Trung tâm Phục vụ hành chính công ở xa, người dân thôn {thon} đi làm thủ tục mất cả buổi, có việc phải đi hai, ba lần.",
        proposal: "Đề nghị định kỳ tổ chức tiếp nhận hồ sơ lưu động tại nhà văn hóa thôn.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Chứng thực bản sao buổi sáng đầu tuần đông quá, bốc số xong chờ đến trưa, trong khi mấy quầy khác lại vắng.",
        proposal: "Đề nghị bố trí thêm cán bộ chứng thực vào các ngày cao điểm.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Đăng ký khai sinh cho cháu trên mạng thì được, nhưng vẫn phải lên xã nhận bản giấy, thẻ BHYT của cháu cũng chưa thấy hiện trên VNeID.",
        proposal: "Đề nghị thực hiện liên thông đầy đủ khai sinh, đăng ký thường trú và cấp thẻ BHYT cho trẻ dưới 6 tuổi.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Hồ sơ chuyển nhượng đất của gia đình tôi bị trả lại ba lần, mỗi lần một cán bộ yêu cầu bổ sung một loại giấy tờ khác nhau.",
        proposal: "Đề nghị hướng dẫn một lần, đầy đủ bằng văn bản các giấy tờ cần bổ sung.",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Cán bộ bộ phận một cửa nhìn chung nhiệt tình, nhưng đôi khi giải thích nhanh, dùng nhiều từ chuyên môn, người dân nghe không hiểu.",
        proposal: "",
    },
    OpinionSample {
        topic: "thu_tuc_hanh_chinh",
        text: "Nộp phí, lệ phí bằng chuyển khoản nhiều khi bị lỗi: tài khoản đã trừ tiền mà hệ thống vẫn báo chưa thanh toán.",
        proposal: "Đề nghị kiểm tra, khắc phục lỗi thanh toán trực tuyến và hoàn tiền cho người dân bị trừ nhầm.",
    },
    // -------------------------------------------------------------------- khac
    OpinionSample {
        topic: "khac",
        text: "Chó thả rông ở thôn {thon} rất nhiều, sáng sớm người đi tập thể dục bị chó đuổi, đã có cháu nhỏ bị cắn phải đi tiêm phòng dại.",
        proposal: "Đề nghị yêu cầu các hộ nuôi chó phải xích nhốt, rọ mõm khi ra đường và tiêm phòng dại đầy đủ.",
    },
    OpinionSample {
        topic: "khac",
        text: "Nhiều nhà nuôi chó không xích, chó lao ra đường làm người đi xe máy bị ngã.",
        proposal: "Đề nghị xử phạt các chủ nuôi để chó thả rông.",
    },
    OpinionSample {
        topic: "khac",
        text: "Điện ở thôn {thon} chập chờn, mùa hè mất điện luôn, cuối nguồn điện áp yếu, điều hòa, tủ lạnh không chạy được.",
        proposal: "Đề nghị ngành điện nâng công suất trạm biến áp và cải tạo đường dây hạ thế.",
    },
    OpinionSample {
        topic: "khac",
        text: "Dây cáp viễn thông, cáp truyền hình giăng chằng chịt trên cột điện, có đoạn võng thấp sát đầu người, vừa mất mỹ quan vừa nguy hiểm.",
        proposal: "Đề nghị các nhà mạng chỉnh trang, thu hồi dây cáp không còn sử dụng.",
    },
    OpinionSample {
        topic: "khac",
        text: "Sóng điện thoại và internet ở cuối thôn yếu, các cháu học trực tuyến hay bị rớt mạng.",
        proposal: "",
    },
    OpinionSample {
        topic: "khac",
        text: "Nghĩa trang nhân dân thôn {thon} gần hết chỗ mà chưa có quy hoạch mở rộng, đường vào nghĩa trang lầy lội mỗi khi có đám.",
        proposal: "Đề nghị quy hoạch mở rộng nghĩa trang và làm đường vào.",
    },
    OpinionSample {
        topic: "khac",
        text: "Xe tải chở vật liệu xây dựng chạy qua đường làng thôn {thon} làm vỡ mặt đường, đất cát rơi vãi, bụi bay mù mịt.",
        proposal: "Đề nghị cắm biển hạn chế tải trọng và yêu cầu xe phải che phủ thùng.",
    },
    OpinionSample {
        topic: "khac",
        text: "Bà con muốn biết các ý kiến nêu ở buổi đối thoại năm trước đã được giải quyết đến đâu nhưng không thấy thông báo lại.",
        proposal: "Đề nghị công khai kết quả giải quyết kiến nghị tại nhà văn hóa thôn và trên trang thông tin của xã.",
    },
    OpinionSample {
        topic: "khac",
        text: "Tuyến xe buýt qua xã bị cắt bớt chuyến, học sinh và người già đi khám bệnh ở bệnh viện thành phố rất khó khăn.",
        proposal: "Đề nghị xã kiến nghị thành phố duy trì tần suất tuyến xe buýt qua địa bàn.",
    },
    OpinionSample {
        topic: "khac",
        text: "Phiên chợ xã hàng quán bày tràn ra lòng đường, xe cộ ùn tắc, rất dễ xảy ra va chạm.",
        proposal: "Đề nghị sắp xếp lại chợ, kẻ vạch khu vực bán hàng.",
    },
    OpinionSample {
        topic: "khac",
        text: "Ao công của thôn cho thuê thầu nhưng hợp đồng và tiền thầu không công khai, dân không biết khoản tiền đó chi vào việc gì.",
        proposal: "Đề nghị công khai hợp đồng giao thầu ao, đầm và các khoản thu chi của thôn.",
    },
    OpinionSample {
        topic: "khac",
        text: "Tôi đã mấy lần gửi ý kiến qua trưởng thôn mà không thấy trả lời, không biết có được chuyển lên xã không.",
        proposal: "Đề nghị có kênh tiếp nhận ý kiến trực tuyến để người dân theo dõi được tiến độ giải quyết.",
    },
];

/// Vietnamese family names, most common first.
pub const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Hoàng", "Đỗ", "Bùi", "Đặng", "Ngô", "Phan", "Đinh",
    "Dương", "Đoàn", "Lương",
];

/// Middle names.
pub const MIDDLE_NAMES: &[&str] = &[
    "Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Quang", "Ngọc", "Thanh", "Xuân", "Hồng", "Công",
];

/// Given names.
pub const GIVEN_NAMES: &[&str] = &[
    "Hùng", "Dũng", "Hải", "Tuấn", "Long", "Thắng", "Cường", "Sơn", "Bình", "Nam", "Khánh", "Đông",
    "Vinh", "Quý", "Toàn", "Hoa", "Lan", "Hương", "Thủy", "Hằng", "Nga", "Phương", "Mai", "Hà",
    "Tâm", "Trang", "Linh", "Yến", "Thảo", "Huệ", "Loan",
];

/// An issue the commune has already answered and published (for the public page of the demo).
#[derive(Debug, Clone, Copy)]
pub struct AnsweredSample {
    /// Topic code, same codes as [`OpinionSample::topic`].
    pub topic: &'static str,
    /// Short issue title written by staff.
    pub title: &'static str,
    /// Staff summary of what residents asked (no personal data).
    pub summary: &'static str,
    /// Nội dung trả lời: official answer of the commune.
    pub answer: &'static str,
    /// Kết quả đã giải quyết hoặc hướng giải quyết.
    pub result: &'static str,
    /// Thời gian giải quyết, e.g. "Quý III/2026" or "Trước 30/6/2026".
    pub resolution_time: &'static str,
    /// Department short code: "vp" (Văn phòng HĐND-UBND), "kt" (Phòng Kinh tế), "vhxh" (Phòng
    /// Văn hóa - Xã hội), "ca" (Công an xã), "pvhcc" (Trung tâm Phục vụ hành chính công), "dvc"
    /// (Trung tâm Dịch vụ sự nghiệp công), "qs" (Ban Chỉ huy Quân sự xã), "yt" (Trạm Y tế xã).
    pub department: &'static str,
}

/// Issues already answered and published by the demo commune, one per department.
pub const ANSWERED: &[AnsweredSample] = &[
    AnsweredSample {
        topic: "nong_thon_moi",
        title: "Cải tạo đường trục thôn An Lâu đoạn từ nhà văn hóa ra cánh đồng",
        summary: "Nhiều ý kiến phản ánh đường trục thôn đoạn từ nhà văn hóa ra cánh đồng xuống cấp, nhiều ổ gà, đọng nước khi mưa, gây mất an toàn cho học sinh và người dân đi lại, vận chuyển nông sản.",
        answer: "UBND xã tiếp thu ý kiến của Nhân dân. Phòng Kinh tế đã phối hợp với Ban phát triển thôn khảo sát hiện trạng tuyến đường dài khoảng 850 m. Tuyến đường được đưa vào danh mục công trình cải tạo, nâng cấp năm 2026 thuộc chương trình xây dựng nông thôn mới kiểu mẫu, thực hiện theo phương châm Nhà nước và Nhân dân cùng làm; trước mắt, xã tổ chức vá ổ gà, khơi thông rãnh thoát nước để bảo đảm an toàn giao thông.",
        result: "Đã vá xong các ổ gà lớn; công trình bê tông hóa mặt đường rộng 5 m dự kiến khởi công sau khi thu hoạch vụ chiêm xuân.",
        resolution_time: "Quý III/2026",
        department: "kt",
    },
    AnsweredSample {
        topic: "kinh_te",
        title: "Mở lớp đào tạo nghề và tập huấn kỹ thuật cho lao động nông thôn",
        summary: "Người dân, nhất là lao động nữ trung tuổi, đề nghị mở các lớp học nghề ngắn hạn và tập huấn kỹ thuật sản xuất để có việc làm, tăng thu nhập tại địa phương.",
        answer: "Trung tâm Dịch vụ sự nghiệp công xã đã tổng hợp nhu cầu học nghề của Nhân dân hai thôn và phối hợp với cơ sở giáo dục nghề nghiệp trên địa bàn thành phố xây dựng kế hoạch đào tạo nghề cho lao động nông thôn năm 2026. Người học thuộc đối tượng chính sách được hỗ trợ học phí theo quy định; các lớp tập huấn kỹ thuật trồng trọt, chăn nuôi được tổ chức miễn phí tại nhà văn hóa thôn.",
        result: "Dự kiến mở 01 lớp may công nghiệp và 02 lớp tập huấn kỹ thuật sản xuất lúa chất lượng cao, chăn nuôi an toàn sinh học; Trưởng thôn nhận đăng ký học viên.",
        resolution_time: "Từ tháng 6 đến tháng 9/2026",
        department: "dvc",
    },
    AnsweredSample {
        topic: "thu_tuc_hanh_chinh",
        title: "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất bị quá hạn",
        summary: "Một số hộ phản ánh hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu và đăng ký biến động đất đai nộp tại Trung tâm Phục vụ hành chính công xã bị chậm, quá thời hạn hẹn trả kết quả.",
        answer: "Trung tâm Phục vụ hành chính công xã đã rà soát toàn bộ hồ sơ đất đai tiếp nhận từ tháng 7/2025 đến nay. Nguyên nhân chậm chủ yếu do một số thửa đất có biến động chưa được cập nhật trên bản đồ địa chính, phải đo đạc và xác minh nguồn gốc sử dụng đất theo Luật Đất đai năm 2024 và Nghị định số 101/2024/NĐ-CP của Chính phủ. Trung tâm đã gửi văn bản xin lỗi đối với các hồ sơ quá hạn và phối hợp với Chi nhánh Văn phòng đăng ký đất đai đẩy nhanh tiến độ giải quyết.",
        result: "Các hồ sơ quá hạn đã được hẹn lại ngày trả kết quả; người dân tra cứu tiến độ bằng mã hồ sơ trên Cổng Dịch vụ công hoặc tại quầy tiếp nhận.",
        resolution_time: "Trước 30/6/2026",
        department: "pvhcc",
    },
    AnsweredSample {
        topic: "an_ninh_quoc_phong",
        title: "Tình trạng đua xe, nẹt pô vào ban đêm trên đường trục xã",
        summary: "Nhân dân phản ánh nhóm thanh thiếu niên thường tụ tập chạy xe tốc độ cao, lạng lách, nẹt pô vào ban đêm các ngày cuối tuần, gây mất an ninh trật tự và an toàn giao thông.",
        answer: "Công an xã đã xây dựng kế hoạch tuần tra, kiểm soát trong khung giờ từ 22 giờ đến 2 giờ sáng các ngày cuối tuần tại những tuyến, điểm thường xảy ra vi phạm, có sự phối hợp của lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở. Các hành vi vi phạm được xử lý nghiêm theo Luật Trật tự, an toàn giao thông đường bộ năm 2024 và Nghị định số 168/2024/NĐ-CP; đối với người chưa thành niên, Công an xã mời gia đình đến làm việc và ký cam kết quản lý con em.",
        result: "Đã lập biên bản xử lý 07 trường hợp vi phạm, tạm giữ 05 phương tiện; tình hình có chuyển biến rõ rệt, tiếp tục duy trì tuần tra ban đêm.",
        resolution_time: "Thường xuyên, cao điểm từ tháng 4 đến tháng 8/2026",
        department: "ca",
    },
    AnsweredSample {
        topic: "van_hoa_xa_hoi",
        title: "Hướng dẫn hưởng trợ cấp hưu trí xã hội cho người từ đủ 75 tuổi",
        summary: "Nhiều gia đình có người cao tuổi không có lương hưu hỏi về điều kiện, hồ sơ hưởng trợ cấp hưu trí xã hội và việc cấp thẻ bảo hiểm y tế kèm theo.",
        answer: "Theo Luật Bảo hiểm xã hội năm 2024, có hiệu lực từ ngày 01/7/2025, công dân Việt Nam từ đủ 75 tuổi trở lên không hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng thì được hưởng trợ cấp hưu trí xã hội; người từ đủ 70 tuổi đến dưới 75 tuổi thuộc hộ nghèo, hộ cận nghèo cũng thuộc đối tượng được hưởng. Người hưởng trợ cấp được ngân sách nhà nước đóng bảo hiểm y tế. Phòng Văn hóa - Xã hội đã phối hợp với Trưởng thôn rà soát danh sách và hướng dẫn gia đình lập văn bản đề nghị hưởng trợ cấp.",
        result: "Đã rà soát và hướng dẫn lập hồ sơ cho các cụ đủ điều kiện ở hai thôn; trợ cấp được chi trả theo quyết định của cấp có thẩm quyền.",
        resolution_time: "Tháng 5/2026",
        department: "vhxh",
    },
    AnsweredSample {
        topic: "van_hoa_xa_hoi",
        title: "Bảo đảm thuốc bảo hiểm y tế tại Trạm Y tế xã",
        summary: "Người cao tuổi phản ánh Trạm Y tế xã có thời điểm thiếu thuốc điều trị bệnh mạn tính theo bảo hiểm y tế, người bệnh phải tự mua thuốc bên ngoài.",
        answer: "Trạm Y tế xã tiếp thu phản ánh của Nhân dân. Tình trạng thiếu thuốc cục bộ đầu năm là do việc lựa chọn nhà thầu cung ứng thuốc năm 2026 chậm so với kế hoạch. Trạm đã đề nghị cấp bổ sung cơ số thuốc điều trị tăng huyết áp, đái tháo đường và triển khai quản lý, cấp thuốc ngoại trú bệnh mạn tính ngay tại Trạm để người bệnh không phải lên tuyến trên.",
        result: "Đã bổ sung đủ thuốc điều trị tăng huyết áp, đái tháo đường; lập sổ quản lý và hẹn lịch cấp thuốc hằng tháng cho người bệnh.",
        resolution_time: "Đã giải quyết trong tháng 4/2026",
        department: "yt",
    },
    AnsweredSample {
        topic: "an_ninh_quoc_phong",
        title: "Công khai kết quả khám tuyển và gọi công dân nhập ngũ",
        summary: "Một số gia đình đề nghị làm rõ tiêu chuẩn, quy trình khám tuyển nghĩa vụ quân sự và các trường hợp được tạm hoãn gọi nhập ngũ.",
        answer: "Ban Chỉ huy Quân sự xã thực hiện đăng ký, khám tuyển và gọi công dân nhập ngũ theo Luật Nghĩa vụ quân sự năm 2015 (sửa đổi, bổ sung) và hướng dẫn của cơ quan quân sự cấp trên. Các trường hợp tạm hoãn, miễn gọi nhập ngũ đều căn cứ Điều 41 của Luật, có giấy tờ chứng minh và được Hội đồng nghĩa vụ quân sự xã xem xét công khai, dân chủ.",
        result: "Danh sách công dân đủ điều kiện nhập ngũ và các trường hợp tạm hoãn, miễn gọi nhập ngũ đã được niêm yết tại trụ sở UBND xã và nhà văn hóa các thôn.",
        resolution_time: "Đã thực hiện; duy trì hằng năm",
        department: "qs",
    },
    AnsweredSample {
        topic: "khac",
        title: "Công khai kết quả giải quyết kiến nghị sau đối thoại",
        summary: "Nhân dân đề nghị được thông báo kết quả giải quyết các ý kiến, kiến nghị đã nêu tại các hội nghị tiếp xúc, đối thoại trước đây và có kênh theo dõi tiến độ.",
        answer: "Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022, UBND xã giao Văn phòng HĐND-UBND theo dõi, đôn đốc các cơ quan, đơn vị trả lời kiến nghị của Nhân dân đúng thời hạn. Sau mỗi hội nghị đối thoại, Thông báo kết luận và kết quả giải quyết từng kiến nghị được niêm yết tại nhà văn hóa thôn, đọc trên hệ thống truyền thanh và đăng trên trang thông tin điện tử của xã.",
        result: "Đã công khai kết quả trả lời toàn bộ kiến nghị của Nhân dân thôn An Sơn và thôn An Lâu; người dân tra cứu tình trạng xử lý từng kiến nghị trên trang công khai của xã.",
        resolution_time: "Thường xuyên, sau mỗi hội nghị đối thoại",
        department: "vp",
    },
];
