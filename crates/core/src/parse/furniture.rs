//! Page furniture: the lines of a portal page or a news page that are not the record.
//!
//! Government portals wrap a meeting's record in navigation (首页 > 政务公开 >
//! …), a metadata block (索引号, 发布机构, 文件编号, 发布日期 …), bylines
//! (撰稿, 审稿, 编辑, 责任编辑, 来源), photo credits (…供图, …摄), footers
//! listing officials and telephone numbers, and lines of injected
//! advertising. None of them is ever a record. [`classify`] recognises such a
//! line and says what it is; the metadata it carries (the publication date,
//! the publishing body, the document number) is kept, because a date without
//! a year in a news report takes its year from the publication date.
//!
//! ```
//! use jiyao_core::parse::furniture::{classify, Furniture};
//! assert_eq!(classify("撰稿：王某某  审稿：李某"), Some(Furniture::Byline));
//! assert_eq!(classify("首页 > 政务公开 > 常务会议"), Some(Furniture::Navigation));
//! assert_eq!(classify("会议听取了区财政局的汇报。"), None);
//! ```

use regex::Regex;
use std::sync::OnceLock;

/// What a furniture line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Furniture {
    /// Portal navigation: breadcrumbs, menus, font-size and print links.
    Navigation,
    /// A line of the portal's metadata block (索引号, 发布机构, 发布日期 …).
    Metadata,
    /// A byline: 撰稿, 审稿, 编辑, 责任编辑, 来源, 记者 ….
    Byline,
    /// A photo credit (…供图, 摄影：…, …摄).
    PhotoCredit,
    /// The site footer: copyright, ICP number, addresses and telephone numbers.
    Footer,
    /// Injected advertising or share prompts.
    Advertising,
}

struct Patterns {
    navigation: Regex,
    metadata: Regex,
    byline: Regex,
    photo: Regex,
    footer: Regex,
    advert: Regex,
    /// The words of a QR code (扫码, 二维码), furniture only as a call to scan one ([`is_qr_call`]).
    qr: Regex,
    /// What a call to scan asks of the reader (在手机打开, 关注, 分享).
    qr_call: Regex,
}

/// The keys of a portal's metadata block.
const META_KEYS: &str = "索引号|索 引 号|主题分类|分类|体裁分类|发布机构|发文机关|发文机构|成文日期|发布日期|发文日期|发布时间|文号|文件编号|发文字号|公开方式|公开范围|公开时限|信息来源|生效日期|有效性|关键词|主题词|标题|名称";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        navigation: Regex::new(
            r"^(?:当前位置|您的位置|你的位置|所在位置)\s*[:：]|^首页\s*(?:[>＞»/|｜]|$)|[>＞»]\s*(?:政务公开|常务会议|政府信息公开|新闻中心|要闻动态|政务动态)|^(?:【?\s*字[体号]\s*[:：]|打印本页|关闭窗口|打印\s*关闭|【\s*打印\s*】|【\s*关闭\s*】|返回顶部|上一篇|下一篇|相关链接|分享到)",
        )
        .unwrap(),
        metadata: Regex::new(&format!(
            r"^(?:{META_KEYS})\s*[:：]|^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$"
        ))
        .unwrap(),
        byline: Regex::new(
            r"^[（(【\[]?\s*(?:撰\s*稿|审\s*稿|审\s*核|初\s*审|复\s*审|终\s*审|校\s*对|编\s*辑|责任编辑|责编|来\s*源|作\s*者|记\s*者|通讯员|供\s*稿|文\s*字|文|稿件来源|信息来源|发布者|浏览次数|点击数|阅读数)\s*[:：]",
        )
        .unwrap(),
        photo: Regex::new(r"^[（(]?\s*(?:摄影|图片|图)\s*[:：]|^[（(]?[\p{Han}\s、]{2,20}(?:供图|摄)[）)]?$|^[（(]\s*(?:记者|通讯员)[^）)]{1,20}[）)]$")
            .unwrap(),
        footer: Regex::new(
            r"版权所有|ICP\s*备|网站标识码|公网安备|主办单位|承办单位|技术支持|联系我们|网站地图|(?:电话|传真|联系方式)\s*[:：]?\s*[（(]?\d{3,4}[）)-]?\s*\d{7,8}|\d{3,4}-\d{7,8}.{0,20}\d{3,4}-\d{7,8}",
        )
        .unwrap(),
        advert: Regex::new(
            r"(?i)https?://|www\.|关注(?:我们|公众号)|微信公众号|点击(?:查看|进入|下载|阅读原文)|[【\[]\s*(?:广告|推广)\s*[】\]]|广告(?:招租|合作|热线)|推广(?:链接|信息)|APP下载|客户端下载",
        )
        .unwrap(),
        qr: Regex::new(r"扫码|扫一扫|扫描|二维码|长按识别").unwrap(),
        qr_call: Regex::new(r"手机|当前页|本页|页面|关注|公众号|微信|客户端|下载|分享|打开|识别|阅读").unwrap(),
    })
}

/// True when a line that speaks of a QR code is the page's call to scan it
/// (扫一扫在手机打开当前页, 扫码关注“青岚发布”), not a sentence of the record
/// (要在服务大厅张贴二维码，实现扫码即办。): it asks the reader to open,
/// follow or share something, or it is a bare phrase with no punctuation of a
/// sentence and no ordinal of an item (二、研究“扫码办”推广工作).
fn is_qr_call(s: &str, p: &Patterns) -> bool {
    if !s.contains(['扫', '码', '识']) || !p.qr.is_match(s) {
        return false;
    }
    let numbered = s.starts_with('（')
        || s.chars().nth(1) == Some('、')
            && s.starts_with(|c: char| "一二三四五六七八九十".contains(c));
    p.qr_call.is_match(s) || (!numbered && !s.contains(['，', '。', '；', '：', '！', ',', ';']))
}

/// Says what kind of furniture a cleaned line is, or `None` for a line of the record.
///
/// A line that holds a sentence of the record (it mentions 会议 and ends
/// with 。) is never furniture, whatever else it contains.
pub fn classify(s: &str) -> Option<Furniture> {
    if s.contains("会议") && s.ends_with('。') {
        return None;
    }
    let p = patterns();
    let short = s.chars().count() <= 60;
    // Cheap tests first: every line of every record passes here.
    let colon = s.contains(['：', ':']);
    let digit = s.starts_with(|c: char| c.is_ascii_digit());
    if (colon || digit) && p.metadata.is_match(s) {
        return Some(Furniture::Metadata);
    }
    if short && colon && p.byline.is_match(s) {
        return Some(Furniture::Byline);
    }
    if (s.contains(['>', '＞', '»', '|', '【'])
        || s.starts_with([
            '首', '当', '您', '你', '所', '打', '关', '返', '上', '下', '相', '分', '字',
        ]))
        && p.navigation.is_match(s)
    {
        return Some(Furniture::Navigation);
    }
    if short
        && (s.contains('摄') || s.contains('图') || s.contains("记者") || s.contains("通讯员"))
        && p.photo.is_match(s)
    {
        return Some(Furniture::PhotoCredit);
    }
    if (s.contains('-')
        || s.contains("ICP")
        || s.contains("版权")
        || s.contains("网站")
        || s.contains("公网")
        || s.contains("办单位")
        || s.contains("技术支持")
        || s.contains("联系")
        || s.contains("电话")
        || s.contains("传真"))
        && p.footer.is_match(s)
    {
        return Some(Furniture::Footer);
    }
    if short && (p.advert.is_match(s) || is_qr_call(s, p)) {
        return Some(Furniture::Advertising);
    }
    // A byline that starts with something else (2024-09-14 来源：青岚发布 作者：…).
    if short && colon && !s.contains('。') && !fields(s).is_empty() {
        return Some(Furniture::Byline);
    }
    None
}

/// One `key：value` pair of a metadata or byline line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key, spaces removed (索引号, 发布日期 …).
    pub key: String,
    /// Byte range of the value in the line.
    pub value: (usize, usize),
}

fn field_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(?:^|\s|[【\[（(])({META_KEYS}|来\s*源|撰\s*稿|审\s*稿|编\s*辑|责任编辑|作\s*者)\s*[:：]\s*"
        ))
        .unwrap()
    })
}

/// Splits a metadata line into its fields: one line may hold several (索引号：… 发布机构：…).
///
/// ```
/// use jiyao_core::parse::furniture::fields;
/// let s = "索引号：11320500/2024-00123  发布日期：2024-09-14";
/// let f = fields(s);
/// assert_eq!((f[1].key.as_str(), &s[f[1].value.0..f[1].value.1]), ("发布日期", "2024-09-14"));
/// ```
pub fn fields(s: &str) -> Vec<Field> {
    let starts: Vec<(String, usize, usize)> = field_re()
        .captures_iter(s)
        .map(|c| {
            let k = c.get(1).unwrap();
            (
                k.as_str().chars().filter(|c| !c.is_whitespace()).collect(),
                c.get(0).unwrap().start(),
                c.get(0).unwrap().end(),
            )
        })
        .collect();
    let mut out = Vec::new();
    for (i, (key, _, value_at)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(s.len(), |n| n.1);
        let v = s[*value_at..end].trim_end();
        let v = v.trim_end_matches(['】', ']', '）', ')']);
        out.push(Field {
            key: key.clone(),
            value: (*value_at, value_at + v.len()),
        });
    }
    out
}

/// Returns the byte range of the government a site footer names as the site's owner: 常州市人民政府 in 主办：常州市人民政府办公室 or 版权所有：常州市人民政府.
///
/// Only a government named with its place counts (主办：市政府办公室 names none).
///
/// ```
/// use jiyao_core::parse::furniture::site_owner;
/// let s = "版权所有：铜陵市人民政府  主办：铜陵市人民政府办公室  苏ICP备12345678号";
/// let (a, b) = site_owner(s).unwrap();
/// assert_eq!(&s[a..b], "铜陵市人民政府");
/// assert_eq!(site_owner("主办：市人民政府办公室"), None);
/// ```
pub fn site_owner(s: &str) -> Option<(usize, usize)> {
    static OWNER: OnceLock<Regex> = OnceLock::new();
    let re = OWNER.get_or_init(|| {
        Regex::new(r"(?:主办(?:单位)?|版权所有)\s*[:：]\s*(\p{Han}{2,20}?政府)").unwrap()
    });
    let m = re.captures(s)?.get(1)?;
    let placed = !m.as_str().starts_with(['市', '区', '县', '省']);
    placed.then_some((m.start(), m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_furniture() {
        let cases = [
            (
                "当前位置：首页 > 政务公开 > 区政府常务会议",
                Some(Furniture::Navigation),
            ),
            ("首页 | 政务公开", Some(Furniture::Navigation)),
            (
                "【字体：大 中 小】 打印本页 关闭窗口",
                Some(Furniture::Navigation),
            ),
            ("索引号：014230512/2024-00031", Some(Furniture::Metadata)),
            ("发布机构：青岚区人民政府办公室", Some(Furniture::Metadata)),
            ("文件编号：第 20 号", Some(Furniture::Metadata)),
            (
                "来源：青岚区融媒体中心  发布时间：2024-09-14 10:21",
                Some(Furniture::Byline),
            ),
            ("2024-09-14 10:21:09", Some(Furniture::Metadata)),
            ("来源：青岚区融媒体中心", Some(Furniture::Byline)),
            ("撰稿：周晓岚 审稿：钱一鸣", Some(Furniture::Byline)),
            ("责任编辑：孙蕾", Some(Furniture::Byline)),
            ("（记者 严冬青）", Some(Furniture::PhotoCredit)),
            ("县融媒体中心供图", Some(Furniture::PhotoCredit)),
            ("魏东来 摄", Some(Furniture::PhotoCredit)),
            (
                "版权所有：青岚区人民政府 苏ICP备12345678号",
                Some(Furniture::Footer),
            ),
            ("区长 韩立新 电话：0512-66661234", Some(Furniture::Footer)),
            ("扫码关注“青岚发布”微信公众号", Some(Furniture::Advertising)),
            ("扫一扫在手机打开当前页", Some(Furniture::Advertising)),
            (
                "【扫一扫在手机上查看当前页面】",
                Some(Furniture::Advertising),
            ),
            ("微信扫一扫", Some(Furniture::Advertising)),
            ("手机扫描二维码查看本页。", Some(Furniture::Advertising)),
            ("长按识别二维码", Some(Furniture::Advertising)),
            // A sentence of the record that speaks of QR codes is not a call to scan one.
            ("要在政务服务大厅统一张贴二维码，", None),
            ("实现企业群众扫码即办。", None),
            ("要推广“浙食链”溯源二维码，让群众扫码查看食品来源。", None),
            ("二、研究“扫码办”推广工作", None),
            ("会议听取了区财政局关于预算执行情况的汇报。", None),
            ("副区长田野、孔明远出席会议。", None),
            ("（一）原则同意该方案。", None),
            (
                "【推广】青岚文旅惠民卡火热发售中，详询0512-66661234",
                Some(Furniture::Advertising),
            ),
            // A point of the record that speaks of 推广 or 广告 is not an advertisement.
            ("（三）要及时总结推广好的经验做法，营造良好氛围。", None),
            ("二、研究户外广告设施设置管理工作", None),
            ("2024-09-14 09:12 来源：青岚发布", Some(Furniture::Byline)),
        ];
        for (s, want) in cases {
            assert_eq!(classify(s), want, "{s}");
        }
    }

    #[test]
    fn fields_of_a_line() {
        let s = "来源：青岚区融媒体中心  发布时间：2024-09-14 10:21";
        let got: Vec<(String, &str)> = fields(s)
            .into_iter()
            .map(|f| (f.key, &s[f.value.0..f.value.1]))
            .collect();
        assert_eq!(
            got,
            vec![
                ("来源".to_owned(), "青岚区融媒体中心"),
                ("发布时间".to_owned(), "2024-09-14 10:21")
            ]
        );
    }
}
