//! Data-driven tests of the extractor: attendance lists as written, and the records they must give.

use super::*;
use crate::diag::{Code, Severity};
use crate::resolve::Resources;

type Pair = (Option<&'static str>, Option<&'static str>);

/// Each hard case of the attendance lists: the text, then (department as written, person) per record.
const CASES: &[(&str, &[Pair])] = &[
    // A line break inside a department.
    ("团\n市委万利", &[(Some("团市委"), Some("万利"))]),
    (
        "联通苏\n州分公司沈克家",
        &[(Some("联通苏州分公司"), Some("沈克家"))],
    ),
    (
        "市政府研  \n究室毛文元",
        &[(Some("市政府研究室"), Some("毛文元"))],
    ),
    // Between department and name, across a page break.
    (
        "市文广旅局\n\n李杰 市卫生健康委沈洁",
        &[
            (Some("市文广旅局"), Some("李杰")),
            (Some("市卫生健康委"), Some("沈洁")),
        ],
    ),
    ("市委编办  \n詹利剑", &[(Some("市委编办"), Some("詹利剑"))]),
    // Between records with no space.
    (
        "曹后灵\n聂飙 王颀",
        &[
            (None, Some("曹后灵")),
            (None, Some("聂飙")),
            (None, Some("王颀")),
        ],
    ),
    (
        "盛乐\n\n市纪委监委叶新",
        &[(None, Some("盛乐")), (Some("市纪委监委"), Some("叶新"))],
    ),
    // Inside a name.
    (
        "市工信局蔡\n剑峰 市科技局张东驰",
        &[
            (Some("市工信局"), Some("蔡剑峰")),
            (Some("市科技局"), Some("张东驰")),
        ],
    ),
    // Rare characters, two-character names.
    (
        "太仓市韩飏 苏州银保监分局王矗 市总工会都锺邑",
        &[
            (Some("太仓市"), Some("韩飏")),
            (Some("苏州银保监分局"), Some("王矗")),
            (Some("市总工会"), Some("都锺邑")),
        ],
    ),
    // Quotes, full- and half-width.
    (
        "市“331”专班沈正明",
        &[(Some("市“331”专班"), Some("沈正明"))],
    ),
    (
        "市\"331\"专班沈正明",
        &[(Some("市\"331\"专班"), Some("沈正明"))],
    ),
    // Separators some minutes use, and a space between department and name.
    (
        "李亚平、王翔，周伟",
        &[
            (None, Some("李亚平")),
            (None, Some("王翔")),
            (None, Some("周伟")),
        ],
    ),
    ("市工信局 蔡剑峰", &[(Some("市工信局"), Some("蔡剑峰"))]),
    // A county-level division whose name starts with a surname (路, 古, 乐) before a space and a name.
    (
        "市财政局 马艳林、路南区 郑毅珺、古冶区 张晨飞\n乐亭县 呼延菊",
        &[
            (Some("市财政局"), Some("马艳林")),
            (Some("路南区"), Some("郑毅珺")),
            (Some("古冶区"), Some("张晨飞")),
            (Some("乐亭县"), Some("呼延菊")),
        ],
    ),
    // Unnamed representatives, after a record and across a line break.
    (
        "市消防救援支队朱亚明\n市公安局、市园林绿化局、市水务局、苏州工业园区、\n苏州军分区的代表",
        &[
            (Some("市消防救援支队"), Some("朱亚明")),
            (Some("市公安局"), None),
            (Some("市园林绿化局"), None),
            (Some("市水务局"), None),
            (Some("苏州工业园区"), None),
            (Some("苏州军分区"), None),
        ],
    ),
    // A list that starts after a name, with organisations the gazetteer does not know, and one broken across lines.
    (
        "张旗\n常州经开区、人行常州中支的代表",
        &[
            (None, Some("张旗")),
            (Some("常州经开区"), None),
            (Some("人行常州中支"), None),
        ],
    ),
    (
        "周伟 市公安局、苏州\n轨道交通集团的代表",
        &[
            (None, Some("周伟")),
            (Some("市公安局"), None),
            (Some("苏州轨道交通集团"), None),
        ],
    ),
    // Other cities' districts run together by a line break; a compound surname with a four-character name.
    (
        "天宁区崔瑾\n钟楼区周静云 如皋市微生静德\n启东市廖璟雪",
        &[
            (Some("天宁区"), Some("崔瑾")),
            (Some("钟楼区"), Some("周静云")),
            (Some("如皋市"), Some("微生静德")),
            (Some("启东市"), Some("廖璟雪")),
        ],
    ),
    (
        "市工信局蔡剑峰 武警\n常州支队戴民",
        &[
            (Some("市工信局"), Some("蔡剑峰")),
            (Some("武警常州支队"), Some("戴民")),
        ],
    ),
    // A representative list broken inside an organisation the gazetteer does not know, across a page break too.
    (
        "天宁区林天翔 钟楼区戴民庆\n市环保局、市商务局、常\n州银监分局的代表",
        &[
            (Some("天宁区"), Some("林天翔")),
            (Some("钟楼区"), Some("戴民庆")),
            (Some("市环保局"), None),
            (Some("市商务局"), None),
            (Some("常州银监分局"), None),
        ],
    ),
    (
        "市科技局、人行常州中支、武\n\n警常州支队的代表",
        &[
            (Some("市科技局"), None),
            (Some("人行常州中支"), None),
            (Some("武警常州支队"), None),
        ],
    ),
    // A list that starts on its own line after a record, its first element not in the gazetteer.
    (
        "天宁区林天翔 常州经\n开区董刚军\n钟楼区、常州军分区的代表",
        &[
            (Some("天宁区"), Some("林天翔")),
            (Some("常州经开区"), Some("董刚军")),
            (Some("钟楼区"), None),
            (Some("常州军分区"), None),
        ],
    ),
    // The element before the break is a short organisation the gazetteer does not know.
    (
        "市委编办、市总工会、如东县、南通军\n分区的代表",
        &[
            (Some("市委编办"), None),
            (Some("市总工会"), None),
            (Some("如东县"), None),
            (Some("南通军分区"), None),
        ],
    ),
    // Unknown departments broken by a line end, and Suzhou's units before the 2012 reform.
    (
        "市气象局马良嘉 人行\n常州中支夏涵垚 溧阳市丁蓉国",
        &[
            (Some("市气象局"), Some("马良嘉")),
            (Some("人行常州中支"), Some("夏涵垚")),
            (Some("溧阳市"), Some("丁蓉国")),
        ],
    ),
    (
        "太仓市严鑫江 吴江\n市陆元 平江区吕俊 沧浪区郑振超 金\n阊区邱凯杰",
        &[
            (Some("太仓市"), Some("严鑫江")),
            (Some("吴江市"), Some("陆元")),
            (Some("平江区"), Some("吕俊")),
            (Some("沧浪区"), Some("郑振超")),
            (Some("金阊区"), Some("邱凯杰")),
        ],
    ),
    // Names separated by 、 on the line before do not join the list.
    (
        "李亚平、王翔\n市公安局、市水务局的代表",
        &[
            (None, Some("李亚平")),
            (None, Some("王翔")),
            (Some("市公安局"), None),
            (Some("市水务局"), None),
        ],
    ),
    (
        "市公安局、市水务局等单位的代表 张旗",
        &[
            (Some("市公安局"), None),
            (Some("市水务局"), None),
            (None, Some("张旗")),
        ],
    ),
    // A department not in the gazetteer is kept as written.
    (
        "市大数据局张三 市工信局蔡剑峰",
        &[
            (Some("市大数据局"), Some("张三")),
            (Some("市工信局"), Some("蔡剑峰")),
        ],
    ),
    // Compound surnames and four-character names.
    (
        "欧阳明月 司马光",
        &[(None, Some("欧阳明月")), (None, Some("司马光"))],
    ),
    // A four-character name broken after its compound surname, among members and after a department.
    (
        "彭洁 左丘\n华骏 任晓琳",
        &[
            (None, Some("彭洁")),
            (None, Some("左丘华骏")),
            (None, Some("任晓琳")),
        ],
    ),
    (
        "市环保局东郭毅 市住建局司空\n石毅 市城管局乐正庆婕",
        &[
            (Some("市环保局"), Some("东郭毅")),
            (Some("市住建局"), Some("司空石毅")),
            (Some("市城管局"), Some("乐正庆婕")),
        ],
    ),
];

#[test]
fn attendance_hard_cases() {
    let res = Resources::bundled();
    for (list, want) in CASES {
        let got = split_names(list, res);
        let want: Vec<(Option<String>, Option<String>)> = want
            .iter()
            .map(|(o, p)| (o.map(str::to_owned), p.map(str::to_owned)))
            .collect();
        assert_eq!(got, want, "list: {list:?}");
    }
}

fn section(list: &str) -> (Vec<Attendance>, Vec<crate::diag::Diagnostic>) {
    let src = crate::load::decode("t.txt", format!("常务会议纪要\n〔2020〕3号\n2020年1月6日上午，李亚平市长主持召开市政府第86次常务会议。\n会议议定以下意见：\n一、审议甲\n出席：李亚平\n列席：{list}\n记录：栗涛\n").as_bytes()).unwrap();
    let x = extract(&src, Resources::bundled()).unwrap();
    let records = x
        .attendance
        .into_iter()
        .filter(|a| a.role == Role::Attending || a.role == Role::Representative)
        .collect();
    (records, x.diagnostics)
}

#[test]
fn notes_spans_and_warnings() {
    let (records, diags) = section("王翔（请假） 市大数据局\n张三");
    assert_eq!(records[0].person.as_deref(), Some("王翔"));
    assert_eq!(records[0].note.as_deref(), Some("请假"));
    assert_eq!(
        records[0].span,
        Span {
            line: 7,
            col: 4,
            end_line: 7,
            end_col: 6
        }
    );
    assert_eq!(
        records[1].span,
        Span {
            line: 7,
            col: 11,
            end_line: 8,
            end_col: 3
        }
    );
    assert_eq!(records[1].org.as_ref().unwrap().kind, OrgKind::Unknown);
    let codes: Vec<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, vec!["unknown-org"]);
}

#[test]
fn one_person_under_two_departments_is_reported() {
    let (_, diags) = section("市公安局黄戟 市资源规划局黄戟");
    let d: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::PersonTwoOrgs)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(d, vec!["t.txt:7:11: warning[person-two-orgs]: 黄戟 is listed under 2 organisations: 市公安局 (line 7), 市资源规划局 (line 7)"]);
}

#[test]
fn two_people_for_one_department_are_reported() {
    let (_, diags) = section("市工信局蔡剑峰 市工信局汪香元");
    let d: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == Code::OrgTwoPeople)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        d,
        vec!["苏州市工业和信息化局 is represented by 2 people: 蔡剑峰 (line 7), 汪香元 (line 7)"]
    );
}

#[test]
fn a_doubtful_name_is_kept_and_reported() {
    let (records, diags) = section("市工信局呢呢");
    assert_eq!(records[0].person.as_deref(), Some("呢呢"));
    assert!(
        diags
            .iter()
            .any(|d| d.code == Code::DoubtfulName && d.message.contains("呢呢")),
        "{diags:?}"
    );
}

/// Canonical names of the departments of an attendance list in the minutes of one issuer.
fn canonical_names(issuer: &str, list: &str) -> Vec<Option<String>> {
    let src = crate::load::decode("w.txt", format!("{issuer}\n常务会议纪要\n〔2021〕5号\n2021年3月1日上午，杜小刚市长主持召开市政府第40次常务会议。\n会议议定以下意见：\n一、审议甲\n出席：杜小刚\n列席：{list}\n记录：栗涛\n").as_bytes()).unwrap();
    let x = extract(&src, Resources::bundled()).unwrap();
    x.attendance
        .iter()
        .filter_map(|a| a.org.as_ref())
        .map(|o| o.canonical.clone())
        .collect()
}

/// Relative forms in other cities' minutes: the issuer, the list, then the canonical name of each department.
const RELOCATED: &[(&str, &str, &[Option<&str>])] = &[
    (
        "无锡市人民政府",
        "市工信局蔡剑峰 苏州城投公司张涛",
        &[
            Some("无锡市工业和信息化局"),
            Some("苏州城市建设投资发展有限责任公司"),
        ],
    ),
    // The city named twice, and without 市.
    (
        "常州市人民政府",
        "市纪委监委巫娜庆 市广电总台能梅祎",
        &[
            Some("中共常州市纪律检查委员会、常州市监察委员会"),
            Some("常州广播电视总台"),
        ],
    ),
    // The province follows the city, from the gazetteer's parent of the issuer.
    (
        "杭州市人民政府",
        "市中院张涛 市工信局蔡剑峰",
        &[
            Some("浙江省杭州市中级人民法院"),
            Some("杭州市工业和信息化局"),
        ],
    ),
    (
        "南通市人民政府",
        "市检察院张涛",
        &[Some("江苏省南通市人民检察院")],
    ),
    // The province from the table of places, for any city.
    (
        "广州市人民政府",
        "市中院张涛 市工信局蔡剑峰",
        &[
            Some("广东省广州市中级人民法院"),
            Some("广州市工业和信息化局"),
        ],
    ),
    // A city the table of places does not know: no full name rather than a wrong one.
    (
        "云梦泽市人民政府",
        "市中院张涛 市工信局蔡剑峰",
        &[None, Some("云梦泽市工业和信息化局")],
    ),
    // A district: 区 forms by rule, 市 forms are its city's.
    (
        "锡山区人民政府",
        "区财政局张涛 市工信局蔡剑峰 区人社局李杰",
        &[
            Some("无锡市锡山区财政局"),
            Some("无锡市工业和信息化局"),
            Some("无锡市锡山区人力资源和社会保障局"),
        ],
    ),
    // A county, with pre-2018 forms.
    (
        "沛县人民政府",
        "县卫计委王明 县安监局李华 县发改局张涛",
        &[
            Some("沛县卫生和计划生育委员会"),
            Some("沛县安全生产监督管理局"),
            Some("沛县发展和改革局"),
        ],
    ),
    // A county-level city: 市 is the city itself.
    (
        "江阴市人民政府",
        "市工信局蔡剑峰 市资源规划局张涛",
        &[Some("江阴市工业和信息化局"), Some("江阴市自然资源和规划局")],
    ),
    // The districts and county-level cities of the issuing city.
    (
        "无锡市人民政府",
        "锡山区张涛 江阴市李杰",
        &[Some("无锡市锡山区人民政府"), Some("江阴市人民政府")],
    ),
    // Fixed units every city has, through the gazetteer's entry for its own city; a city's own company does not swap.
    (
        "无锡市人民政府",
        "无锡军分区张涛 人行无锡中支李杰 移动无锡分公司王明 无锡城投公司赵亮",
        &[
            Some("江苏省无锡军分区"),
            Some("中国人民银行无锡市中心支行"),
            Some("中国移动通信集团江苏有限公司无锡分公司"),
            None,
        ],
    ),
    (
        "广州市人民政府",
        "武警广州支队张涛",
        &[Some("中国人民武装警察部队广东省总队广州支队")],
    ),
    // Divisions abolished before today's list, named in the records of their time.
    (
        "常州市人民政府",
        "戚墅堰区张涛 金坛市李杰",
        &[Some("常州市戚墅堰区人民政府"), Some("金坛市人民政府")],
    ),
    // The gazetteer's own city is left as it is.
    (
        "苏州市人民政府",
        "市中院张涛 市广电总台蔡剑峰",
        &[Some("江苏省苏州市中级人民法院"), Some("苏州广播电视总台")],
    ),
];

#[test]
fn relative_forms_follow_the_issuing_city() {
    for (issuer, list, want) in RELOCATED {
        let want: Vec<Option<String>> = want.iter().map(|w| w.map(str::to_owned)).collect();
        assert_eq!(canonical_names(issuer, list), want, "{issuer}: {list}");
    }
}

/// A report that names its city only in the titles of its documents: the issuer and its departments.
fn report_issuer(titles: &str) -> (Option<String>, Vec<Option<String>>) {
    report_issuer_of("市旅游局", titles)
}

/// A report whose 列席 list is `units` and whose agenda is `titles`: the issuer and the canonical name of each unit.
fn report_issuer_of(units: &str, titles: &str) -> (Option<String>, Vec<Option<String>>) {
    let text = format!("市政府召开第5次常务会议\n2018年2月7日下午，市长罗小平主持召开市政府第5次常务会议，研究有关工作。市领导姚菊蕾、李珊子出席会议，{units}有关负责同志列席会议。\n{titles}\n");
    let src = crate::load::decode("r.txt", text.as_bytes()).unwrap();
    let x = extract(&src, Resources::bundled()).unwrap();
    let inferred = x.meeting.inferred.contains(&Inferred::Issuer);
    assert_eq!(inferred, x.meeting.issuer.is_some(), "{titles}");
    let canonical = x
        .attendance
        .iter()
        .filter_map(|a| a.org.as_ref())
        .map(|o| o.canonical.clone())
        .collect();
    (x.meeting.issuer, canonical)
}

#[test]
fn a_citys_issuer_is_inferred_from_the_titles_of_its_documents() {
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        (
            "会议审议了《2018年常州市国有企业工作要点》。会议原则同意《2018年常州市国有企业工作要点》。",
            Some("常州市人民政府"),
            Some("常州市旅游局"),
        ),
        // The longest place name ending in 市: 石家庄市, not 家庄市.
        (
            "会议审议了《关于修改〈石家庄市招商引资条例〉的决定》。",
            Some("石家庄市人民政府"),
            Some("石家庄市旅游局"),
        ),
        // Traditional characters are kept as written.
        (
            "会议审议了《蘇州市數字經濟發展規劃》。",
            Some("蘇州市人民政府"),
            Some("苏州市旅游局"),
        ),
        // Two cities: no inference.
        (
            "会议审议了《常州市国有企业工作要点》和《无锡市对口合作方案》。",
            None,
            None,
        ),
        // A county-level city's own documents: never its prefecture.
        ("会议审议了《江阴市国有企业工作要点》。", None, None),
        // No place.
        ("会议审议了《国有企业工作要点》。", None, None),
    ];
    for &(titles, issuer, canonical) in cases {
        let (got, orgs) = report_issuer(titles);
        assert_eq!(got.as_deref(), issuer, "{titles}");
        assert_eq!(orgs, vec![canonical.map(str::to_owned)], "{titles}");
    }
}

#[test]
fn a_citys_issuer_is_inferred_from_the_divisions_it_lists() {
    let agenda = "会议审议了《国有企业工作要点》。";
    // The 列席 units, the issuer inferred, the canonical name of each unit.
    type Case<'a> = (&'a str, Option<&'a str>, &'a [Option<&'a str>]);
    let cases: &[Case] = &[
        // Two districts of 开封市.
        (
            "市委政法委、禹王台区、祥符区",
            Some("开封市人民政府"),
            &[
                Some("中共开封市委政法委员会"),
                Some("开封市禹王台区人民政府"),
                Some("开封市祥符区人民政府"),
            ],
        ),
        // 鼓楼区 is a district of several cities, 朝阳区 too, and they share none.
        ("市财政局、鼓楼区、朝阳区", None, &[None, None, None]),
    ];
    for &(units, issuer, canonical) in cases {
        let (got, orgs) = report_issuer_of(units, agenda);
        assert_eq!(got.as_deref(), issuer, "{units}");
        let want: Vec<Option<String>> = canonical.iter().map(|c| c.map(str::to_owned)).collect();
        assert_eq!(orgs, want, "{units}");
    }
}

#[test]
fn a_portal_pages_footer_names_its_publisher() {
    let page = |before: &str| {
        let text = format!("{before}市政府召开第5次常务会议\n2018年2月7日下午，市长罗小平主持召开市政府第5次常务会议，研究有关工作。市领导姚菊蕾出席会议，市旅游局有关负责同志列席会议。\n版权所有：铜陵市人民政府  主办：铜陵市人民政府办公室  苏ICP备12345678号\n");
        let src = crate::load::decode("p.txt", text.as_bytes()).unwrap();
        let x = extract(&src, Resources::bundled()).unwrap();
        let orgs: Vec<Option<String>> = x
            .attendance
            .iter()
            .filter_map(|a| a.org.as_ref())
            .map(|o| o.canonical.clone())
            .collect();
        (x.meeting.issuer, orgs)
    };
    assert_eq!(
        page(""),
        (
            Some("铜陵市人民政府".to_owned()),
            vec![Some("铜陵市旅游局".to_owned())]
        )
    );
    // A publisher the page names before its footer stays.
    assert_eq!(
        page("发布机构：苏州市人民政府办公室\n"),
        (
            Some("苏州市人民政府".to_owned()),
            vec![Some("苏州市旅游局".to_owned())]
        )
    );
}
