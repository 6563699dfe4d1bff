//! Short lists of common names, written for this generator: each name has its native-script form and the
//! romanisations people actually write (official systems and ad hoc spellings), the first being the most common.

/// One name in its native script and its romanisations.
#[derive(Debug, Clone, Copy, Default)]
pub struct Name {
    pub native: &'static str,
    pub roman: &'static [&'static str],
}

const fn n(native: &'static str, roman: &'static [&'static str]) -> Name {
    Name { native, roman }
}

pub const THAI_MALE: &[Name] = &[
    n("สมชาย", &["Somchai", "Somchay", "Somchaai", "Somchaay"]),
    n("สมศักดิ์", &["Somsak", "Somsuk", "Somsack"]),
    n("ประเสริฐ", &["Prasert", "Prasoet", "Prasirt", "Prasoert"]),
    n("วิชัย", &["Wichai", "Vichai", "Wichay", "Vichay"]),
    n("อนุชา", &["Anucha", "Anuchaa", "Anuchar"]),
    n("ธนพล", &["Thanaphon", "Tanapon", "Thanapol", "Thanaphol"]),
    n("สุนทร", &["Sunthorn", "Soonthorn", "Sunthon", "Suntorn"]),
    n("อรุณ", &["Arun", "Aroon", "Aroun"]),
    n("วันชัย", &["Wanchai", "Vanchai", "Wanchay"]),
    n("ปัญญา", &["Panya", "Phanya", "Punya"]),
    n("ณัฐวุฒิ", &["Nattawut", "Natthawut", "Nuttawut", "Natthawuth"]),
    n("กิตติ", &["Kitti", "Kittee", "Kiti"]),
    n("ชัยวัฒน์", &["Chaiwat", "Chaiyawat", "Chaivat"]),
    n("อำนาจ", &["Amnat", "Amnaj", "Umnat"]),
    n("ทองดี", &["Thongdee", "Tongdi", "Thongdi"]),
    n("บุญมี", &["Boonmee", "Bunmi", "Boonmi", "Bounmee"]),
    n("สมพงษ์", &["Sompong", "Somphong", "Sompongse"]),
    n("ประยุทธ", &["Prayut", "Prayuth", "Prayoot"]),
    n("เกรียงไกร", &["Kriangkrai", "Kriengkrai", "Kriangkai"]),
    n("สุริยา", &["Suriya", "Sooriya", "Suriyah"]),
    n("ชาตรี", &["Chatri", "Chatree", "Chartree"]),
    n("วีระ", &["Wira", "Weera", "Veera"]),
];

pub const THAI_FEMALE: &[Name] = &[
    n("สุดารัตน์", &["Sudarat", "Sudarath", "Sudarut"]),
    n("มาลี", &["Malee", "Mali", "Marlee"]),
    n("สมหญิง", &["Somying", "Som-ying", "Somyhing"]),
    n("นภา", &["Napa", "Napha", "Naphaa"]),
    n("กนกวรรณ", &["Kanokwan", "Kanokwon", "Kanokvan"]),
    n("ศิริพร", &["Siriporn", "Siriphon", "Siripon", "Seeriporn"]),
    n("จันทร์เพ็ญ", &["Chanpen", "Janpen", "Chanphen"]),
    n("พรทิพย์", &["Porntip", "Phonthip", "Pornthip"]),
    n("รัตนา", &["Rattana", "Ratana", "Rattanaa"]),
    n("สุภาพร", &["Supaporn", "Suphaphon", "Suphaporn"]),
    n("เพ็ญศรี", &["Pensri", "Phensi", "Pensee"]),
    n("ลำดวน", &["Lamduan", "Lumduan", "Lamdouan"]),
    n("ประภาพร", &["Praphaporn", "Prapaporn", "Praphaphon"]),
    n("สมพร", &["Somporn", "Somphon", "Sompon"]),
    n("วันเพ็ญ", &["Wanpen", "Vanpen", "Wanphen"]),
    n("อรอุมา", &["Orn-uma", "On-uma", "Ornuma"]),
    n("ดวงใจ", &["Duangjai", "Duangchai", "Doungjai"]),
    n("นงลักษณ์", &["Nongluck", "Nongluk", "Nonglak"]),
    n("บุษบา", &["Busaba", "Bussaba", "Butsaba"]),
    n("ปราณี", &["Pranee", "Prani", "Pranie"]),
];

pub const THAI_FAMILY: &[Name] = &[
    n("ศรีสุข", &["Srisuk", "Sisuk", "Srisook"]),
    n("แสงทอง", &["Saengthong", "Sangthong", "Saengtong"]),
    n("บุญเรือง", &["Boonruang", "Bunrueang", "Boonrueng"]),
    n("วงศ์สวัสดิ์", &["Wongsawat", "Vongsawat", "Wongsawad"]),
    n("จันทร์แก้ว", &["Chankaew", "Jankaew", "Chankaeo"]),
    n("ทองมา", &["Thongma", "Tongma", "Thongmaa"]),
    n("สุขสวัสดิ์", &["Suksawat", "Sooksawat", "Suksawad"]),
    n("พรหมมา", &["Phromma", "Promma", "Prommah"]),
    n("ศรีวงศ์", &["Sriwong", "Siwong", "Srivong"]),
    n("แก้วมณี", &["Kaewmanee", "Kaeomani", "Kaewmani"]),
    n("ใจดี", &["Jaidee", "Chaidi", "Jaidi"]),
    n("มั่นคง", &["Mankong", "Mankhong", "Munkong"]),
    n("เรืองศรี", &["Ruangsri", "Rueangsi", "Ruangsree"]),
    n("สมบูรณ์", &["Somboon", "Sombun", "Somboun"]),
    n("รัตนพันธ์", &["Rattanaphan", "Ratanapan", "Rattanapun"]),
    n("ชัยมงคล", &["Chaimongkol", "Chaimongkhon", "Chaimongkon"]),
    n("คำแสน", &["Khamsaen", "Kamsaen", "Khamsan"]),
    n("ทองคำ", &["Thongkham", "Tongkam", "Thongkum"]),
    n("สายทอง", &["Saithong", "Saitong", "Saythong"]),
    n("บุญมา", &["Boonma", "Bunma", "Bounma"]),
    n("ปัญญาดี", &["Panyadee", "Phanyadi", "Punyadee"]),
    n("นาคสุข", &["Naksuk", "Naksook", "Nhaksuk"]),
    n("พึ่งบุญ", &["Phuengbun", "Pungboon", "Phungboon"]),
    n("อินทร์แก้ว", &["Inkaew", "Inkaeo", "Innkaew"]),
    n("ศักดิ์ดี", &["Sakdee", "Sakdi", "Sukdee"]),
    n("เจริญสุข", &["Charoensuk", "Jaroensuk", "Charernsuk"]),
];

/// Thai nicknames (chue len), used by Thais and often by Lao people too.
pub const THAI_NICKNAMES: &[Name] = &[
    n("นก", &["Nok", "Nock"]),
    n("เล็ก", &["Lek", "Leck"]),
    n("น้อย", &["Noi", "Noy"]),
    n("แดง", &["Daeng", "Dang"]),
    n("ส้ม", &["Som", "Sohm"]),
    n("พลอย", &["Ploy", "Phloi"]),
    n("ต้น", &["Ton", "Tonn"]),
    n("ปู", &["Pu", "Poo"]),
    n("อ้อย", &["Oi", "Oy"]),
    n("แอน", &["Ann", "Anne"]),
    n("เบียร์", &["Beer", "Bia"]),
    n("กอล์ฟ", &["Golf", "Kop"]),
    n("หนุ่ม", &["Num", "Noom"]),
    n("ตุ๊ก", &["Tuk", "Took"]),
    n("เอ", &["A", "Ae"]),
    n("จอย", &["Joy", "Joi"]),
];

pub const LAO_MALE: &[Name] = &[
    n("ສົມພອນ", &["Somphone", "Sompone", "Somphon"]),
    n("ບຸນມີ", &["Bounmy", "Bounmi", "Bunmi"]),
    n("ຄຳພັນ", &["Khamphanh", "Khamphan", "Kampan"]),
    n("ພອນສະຫວັນ", &["Phonesavanh", "Phonsavan", "Phonesavan"]),
    n("ວຽງຄຳ", &["Viengkham", "Vienkham", "Wiangkham"]),
    n("ທອງສີ", &["Thongsy", "Thongsi", "Tongsy"]),
    n("ສົມສັກ", &["Somsack", "Somsak", "Somsac"]),
    n("ສຸກສະຫວັນ", &["Souksavanh", "Suksavan", "Souksavan"]),
    n("ບຸນທັນ", &["Bounthanh", "Bounthan", "Bunthan"]),
    n("ຄຳຜົງ", &["Khamphong", "Kamphong", "Khamphông"]),
    n("ວິໄລ", &["Vilay", "Vilai", "Wilai"]),
    n("ອານຸສອນ", &["Anousone", "Anouson", "Anuson"]),
];

pub const LAO_FEMALE: &[Name] = &[
    n("ບົວພັນ", &["Bouaphanh", "Bouaphan", "Buaphan"]),
    n("ແສງເດືອນ", &["Sengdeuane", "Saengduean", "Sengdeuan"]),
    n("ຄຳຫລ້າ", &["Khamla", "Khamlar", "Kamla"]),
    n("ມະນີ", &["Manee", "Many", "Mani"]),
    n("ສີດາ", &["Sida", "Seeda", "Sidah"]),
    n("ພອນທິບ", &["Phonethip", "Phonthip", "Pornthip"]),
    n("ນ້ອຍ", &["Noy", "Noi", "Nouy"]),
    n("ແກ້ວດາ", &["Keoda", "Kaeoda", "Kaewda"]),
    n("ວັນນາ", &["Vanna", "Wanna", "Vannah"]),
    n("ຈັນທະລີ", &["Chanthaly", "Chanthali", "Janthaly"]),
    n("ດາລາ", &["Dala", "Dara", "Darla"]),
];

pub const LAO_FAMILY: &[Name] = &[
    n("ພົມມະວົງ", &["Phommavong", "Phomavong", "Pommavong"]),
    n("ສີສຸລາດ", &["Sisoulath", "Sisulat", "Sisoulat"]),
    n("ວົງສາ", &["Vongsa", "Wongsa", "Vongsar"]),
    n("ແກ້ວມະນີ", &["Keomany", "Kaeomani", "Keomanee"]),
    n("ອິນທະວົງ", &["Inthavong", "Intavong", "Inthavongs"]),
    n("ສີພັນດອນ", &["Siphandone", "Siphandon", "Sipandone"]),
    n("ຈັນທະວົງ", &["Chanthavong", "Jantavong", "Chanthavongs"]),
    n("ໄຊຍະວົງ", &["Xayavong", "Sayavong", "Xaiyavong"]),
    n("ພົມມະຈັນ", &["Phommachanh", "Phommachan", "Pommachan"]),
    n("ດວງມະນີ", &["Douangmany", "Duangmani", "Douangmanee"]),
    n("ສຸລິຍະ", &["Souliya", "Suliya", "Souliyah"]),
    n("ຄຳວົງສາ", &["Khamvongsa", "Khamwongsa", "Kamvongsa"]),
];

/// Burmese name syllables; a Burmese name is two or three of them and no family name.
pub const BURMESE_SYLLABLES: &[Name] = &[
    n("အောင်", &["Aung", "Aong"]),
    n("ကျော်", &["Kyaw", "Kyau", "Jaw"]),
    n("မြင့်", &["Myint", "Mying"]),
    n("ဝင်း", &["Win", "Winn", "Wynn"]),
    n("သန်း", &["Than", "Thann", "Tan"]),
    n("ထွန်း", &["Tun", "Htun", "Tunn"]),
    n("စိုး", &["Soe", "So"]),
    n("ခင်", &["Khin", "Kin", "Khinn"]),
    n("နွယ်", &["Nwe", "Nway", "Nwae"]),
    n("မြ", &["Mya", "Myah", "Mia"]),
    n("ဇော်", &["Zaw", "Zo"]),
    n("လှ", &["Hla", "La", "Hlah"]),
    n("နိုင်", &["Naing", "Nai", "Nine"]),
    n("ထက်", &["Htet", "Htat", "Tet"]),
    n("ဖြိုး", &["Phyo", "Pyo", "Phyoe"]),
    n("ဆု", &["Su", "Hsu", "Soo"]),
    n("မိုး", &["Moe", "Mo", "Moh"]),
    n("လင်း", &["Lin", "Linn", "Lynn"]),
    n("အေး", &["Aye", "Ei", "Aey"]),
    n("သူ", &["Thu", "Tu", "Thuu"]),
    n("ညီ", &["Nyi", "Nyee", "Nyi"]),
    n("ပြည့်", &["Pyae", "Pyi", "Pyea"]),
    n("သီ", &["Thi", "Thee", "Ti"]),
    n("ဒါ", &["Da", "Dar", "Dah"]),
];

pub const KHMER_GIVEN: &[Name] = &[
    n("សុភា", &["Sophea", "Sopha", "Sophear"]),
    n("ដារ៉ា", &["Dara", "Daraa", "Darah"]),
    n("វណ្ណា", &["Vanna", "Vana", "Wanna"]),
    n("សុខា", &["Sokha", "Sokhaa", "Sokhar"]),
    n("ចន្ថា", &["Chantha", "Chanta", "Chanthar"]),
    n("រតនា", &["Rathana", "Ratana", "Rattana"]),
    n("សំណាង", &["Samnang", "Somnang", "Samnaang"]),
    n("ពិសី", &["Pisey", "Pisei", "Pisay"]),
    n("បូផា", &["Bopha", "Bophaa", "Bopa"]),
    n("វិចិត្រ", &["Vichet", "Vicheth", "Vichith"]),
    n("សុវណ្ណ", &["Sovann", "Sovan", "Sowann"]),
];

pub const KHMER_FAMILY: &[Name] = &[
    n("សុខ", &["Sok", "Sokh", "Sock"]),
    n("ចាន់", &["Chan", "Chanh", "Chann"]),
    n("ហេង", &["Heng", "Hing", "Hen"]),
    n("លី", &["Ly", "Lee", "Li"]),
    n("គឹម", &["Kim", "Kem", "Khim"]),
    n("ស៊ុន", &["Sun", "Soun", "Son"]),
    n("ពៅ", &["Pov", "Pau", "Pove"]),
    n("ម៉ៅ", &["Mao", "Mau", "Maw"]),
    n("ឈឹម", &["Chhim", "Chim", "Chheum"]),
];

pub const VIET_GIVEN: &[Name] = &[
    n("Hương", &["Huong", "Houng"]),
    n("Minh", &["Minh", "Min"]),
    n("Lan", &["Lan", "Lann"]),
    n("Tuấn", &["Tuan", "Tuann"]),
    n("Thảo", &["Thao", "Tao"]),
    n("Dũng", &["Dung", "Zung"]),
    n("Linh", &["Linh", "Lin"]),
];

pub const VIET_FAMILY: &[Name] = &[
    n("Nguyễn", &["Nguyen", "Nguyenn", "Ngyuen"]),
    n("Trần", &["Tran", "Tranh"]),
    n("Lê", &["Le", "Lee"]),
    n("Phạm", &["Pham", "Phamm"]),
    n("Hoàng", &["Hoang", "Huang"]),
];

pub const CHINESE_GIVEN: &[Name] = &[
    n("伟", &["Wei", "Wai"]),
    n("芳", &["Fang", "Fong"]),
    n("明", &["Ming", "Meng"]),
    n("丽", &["Li", "Lai"]),
    n("强", &["Qiang", "Keung", "Chiang"]),
    n("静", &["Jing", "Ching"]),
];

pub const CHINESE_FAMILY: &[Name] = &[
    n("王", &["Wang", "Wong", "Ong"]),
    n("李", &["Li", "Lee", "Lei"]),
    n("张", &["Zhang", "Chang", "Cheung"]),
    n("陈", &["Chen", "Chan", "Tan"]),
    n("刘", &["Liu", "Lau", "Lao"]),
];

pub const FILIPINO_GIVEN: &[Name] = &[
    n("Maria", &["Maria", "Ma.", "Marya"]),
    n("Jose", &["Jose", "Josey"]),
    n("Juan", &["Juan", "Jaun"]),
    n("Rosa", &["Rosa", "Roza"]),
    n("Ana", &["Ana", "Anna"]),
    n("Mark", &["Mark", "Marc"]),
];

pub const FILIPINO_FAMILY: &[Name] = &[
    n("Santos", &["Santos", "Santoz"]),
    n("Reyes", &["Reyes", "Reyez"]),
    n("Cruz", &["Cruz", "Crus"]),
    n("Bautista", &["Bautista", "Batista"]),
    n("Garcia", &["Garcia", "Garsia"]),
];
