//! A few districts of Thailand where migrants live and work, each with its sub-districts, in Thai and Latin
//! script, and the district's postcode. Written for this generator; not a gazetteer.

/// A name in Thai script and its usual Latin spelling.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place {
    pub thai: &'static str,
    pub latin: &'static str,
}

const fn p(thai: &'static str, latin: &'static str) -> Place {
    Place { thai, latin }
}

/// A district (amphoe) of a province with its sub-districts (tambon).
#[derive(Debug, Clone, Copy, Default)]
pub struct District {
    pub province: Place,
    pub amphoe: Place,
    pub postcode: &'static str,
    pub tambons: &'static [Place],
}

pub const DISTRICTS: &[District] = &[
    District {
        province: p("สมุทรสาคร", "Samut Sakhon"),
        amphoe: p("เมืองสมุทรสาคร", "Mueang Samut Sakhon"),
        postcode: "74000",
        tambons: &[p("มหาชัย", "Mahachai"), p("ท่าฉลอม", "Tha Chalom"), p("นาดี", "Na Di"), p("โคกขาม", "Khok Kham")],
    },
    District {
        province: p("เชียงราย", "Chiang Rai"),
        amphoe: p("แม่สาย", "Mae Sai"),
        postcode: "57130",
        tambons: &[p("เวียงพางคำ", "Wiang Phang Kham"), p("ศรีเมืองชุม", "Si Mueang Chum"), p("เกาะช้าง", "Ko Chang")],
    },
    District {
        province: p("ตาก", "Tak"),
        amphoe: p("แม่สอด", "Mae Sot"),
        postcode: "63110",
        tambons: &[p("แม่สอด", "Mae Sot"), p("แม่ปะ", "Mae Pa"), p("ท่าสายลวด", "Tha Sai Luat"), p("แม่ตาว", "Mae Tao")],
    },
    District {
        province: p("ระนอง", "Ranong"),
        amphoe: p("เมืองระนอง", "Mueang Ranong"),
        postcode: "85000",
        tambons: &[p("เขานิเวศน์", "Khao Niwet"), p("บางริ้น", "Bang Rin"), p("ปากน้ำ", "Pak Nam")],
    },
    District {
        province: p("สงขลา", "Songkhla"),
        amphoe: p("หาดใหญ่", "Hat Yai"),
        postcode: "90110",
        tambons: &[p("หาดใหญ่", "Hat Yai"), p("คอหงส์", "Kho Hong"), p("คลองแห", "Khlong Hae")],
    },
    District {
        province: p("ชลบุรี", "Chon Buri"),
        amphoe: p("บางละมุง", "Bang Lamung"),
        postcode: "20150",
        tambons: &[p("หนองปรือ", "Nong Prue"), p("นาเกลือ", "Na Kluea"), p("หนองปลาไหล", "Nong Pla Lai")],
    },
    District {
        province: p("เชียงใหม่", "Chiang Mai"),
        amphoe: p("เมืองเชียงใหม่", "Mueang Chiang Mai"),
        postcode: "50000",
        tambons: &[p("ช้างคลาน", "Chang Khlan"), p("ศรีภูมิ", "Si Phum"), p("หนองหอย", "Nong Hoi")],
    },
    District {
        province: p("อุดรธานี", "Udon Thani"),
        amphoe: p("เมืองอุดรธานี", "Mueang Udon Thani"),
        postcode: "41000",
        tambons: &[p("หมากแข้ง", "Mak Khaeng"), p("บ้านเลื่อม", "Ban Lueam"), p("หนองบัว", "Nong Bua")],
    },
    District {
        province: p("ภูเก็ต", "Phuket"),
        amphoe: p("กะทู้", "Kathu"),
        postcode: "83120",
        tambons: &[p("ป่าตอง", "Patong"), p("กะทู้", "Kathu"), p("กมลา", "Kamala")],
    },
    District {
        province: p("หนองคาย", "Nong Khai"),
        amphoe: p("เมืองหนองคาย", "Mueang Nong Khai"),
        postcode: "43000",
        tambons: &[p("ในเมือง", "Nai Mueang"), p("มีชัย", "Mi Chai"), p("โพธิ์ชัย", "Pho Chai")],
    },
    District {
        province: p("สระแก้ว", "Sa Kaeo"),
        amphoe: p("อรัญประเทศ", "Aranyaprathet"),
        postcode: "27120",
        tambons: &[p("อรัญประเทศ", "Aranyaprathet"), p("บ้านใหม่หนองไทร", "Ban Mai Nong Sai"), p("ป่าไร่", "Pa Rai")],
    },
    District {
        province: p("สมุทรปราการ", "Samut Prakan"),
        amphoe: p("บางพลี", "Bang Phli"),
        postcode: "10540",
        tambons: &[p("บางพลีใหญ่", "Bang Phli Yai"), p("บางแก้ว", "Bang Kaeo"), p("ราชาเทวะ", "Racha Thewa")],
    },
    District {
        province: p("ปทุมธานี", "Pathum Thani"),
        amphoe: p("คลองหลวง", "Khlong Luang"),
        postcode: "12120",
        tambons: &[p("คลองหนึ่ง", "Khlong Nueng"), p("คลองสอง", "Khlong Song"), p("คลองสาม", "Khlong Sam")],
    },
];

/// Roads (thanon), for addresses in towns.
pub const ROADS: &[Place] = &[
    p("พหลโยธิน", "Phahonyothin"),
    p("สุขุมวิท", "Sukhumvit"),
    p("เพชรเกษม", "Phetkasem"),
    p("มิตรภาพ", "Mittraphap"),
    p("เศรษฐกิจ", "Setthakit"),
    p("ประชาอุทิศ", "Pracha Uthit"),
    p("เอกชัย", "Ekkachai"),
];

/// Home-country addresses of migrants: village, district, province or state, in the country's script and Latin.
pub const HOME_LAO: &[Place] = &[
    p("ບ້ານໜອງບົວ, ເມືອງໄຊທານີ, ນະຄອນຫຼວງວຽງຈັນ", "Ban Nongboua, Xaythany, Vientiane Capital"),
    p("ບ້ານນາຊາຍ, ເມືອງໄກສອນ, ແຂວງສະຫວັນນະເຂດ", "Ban Naxay, Kaysone, Savannakhet"),
    p("ບ້ານໂພນສະອາດ, ເມືອງປາກເຊ, ແຂວງຈໍາປາສັກ", "Ban Phonsaat, Pakse, Champasak"),
];
pub const HOME_MMR: &[Place] = &[
    p("မြဝတီမြို့နယ်၊ ကရင်ပြည်နယ်", "Myawaddy Township, Kayin State"),
    p("ကော့သောင်းမြို့၊ တနင်္သာရီတိုင်း", "Kawthaung, Tanintharyi Region"),
    p("မော်လမြိုင်မြို့၊ မွန်ပြည်နယ်", "Mawlamyine, Mon State"),
    p("ဒဂုံမြို့နယ်၊ ရန်ကုန်တိုင်း", "Dagon Township, Yangon Region"),
];
pub const HOME_KHM: &[Place] = &[
    p("ក្រុងប៉ោយប៉ែត ខេត្តបន្ទាយមានជ័យ", "Poipet, Banteay Meanchey"),
    p("ក្រុងបាត់ដំបង ខេត្តបាត់ដំបង", "Battambang, Battambang Province"),
    p("ខណ្ឌមានជ័យ រាជធានីភ្នំពេញ", "Mean Chey, Phnom Penh"),
];
