package io.omnirouter.simulator;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The languages the simulated customers write in, with plausible names (as written natively and in the
 * ASCII spelling used for email addresses), their phone country and what they write.
 */
enum Language {

    EN("en", PhoneCountry.GB, "GBP",
            names("James", "Oliver", "Harry", "George", "Jack"),
            names("Emily", "Olivia", "Amelia", "Sophie", "Grace"),
            names("Smith", "Jones", "Taylor", "Brown", "Wilson", "Clarke"),
            names("Smith", "Jones", "Taylor", "Brown", "Wilson", "Clarke"),
            new Phrasebook(
                    "Complaint about order %s",
                    "Hello, I want to make a complaint: order %s arrived damaged and the box was open. "
                            + "Please tell me how you will fix this.",
                    "I want to file a complaint, the item I received is broken.",
                    "Question about my order %s",
                    "Hi, can you tell me when order %s will be delivered? Best regards",
                    "Can you send me an invoice for my last order?",
                    "I sent you an email about this yesterday and still have no answer.",
                    "Hello?",
                    "How do I change the delivery address of my order?",
                    "Thanks, that helps.",
                    "You can change it under My account > Orders until the parcel ships.",
                    "Hi! I am the virtual assistant. An agent will be with you shortly.",
                    "Thank you for your message. We are looking into it and will reply by %s at the latest.",
                    "Thank you for your patience. We have checked your case and a replacement is on its way.",
                    "Summary of our phone call",
                    "As agreed on the phone: we will send a replacement within 3 working days.",
                    "Great product, fast delivery. Thank you!",
                    "The product is fine, delivery took a while.",
                    "Disappointed: it broke after two days.",
                    "Wrong size, I would like to return it.",
                    "Hi, I ordered %s last week and it still hasn't arrived. Any news?",
                    "Two weeks waiting for my parcel and nobody answers my messages. Really disappointed, I want a refund!",
                    "Love the new collection, great quality!",
                    "We're sorry to hear that! We've sent you a private message so we can sort this out right away.",
                    "Thank you so much, we're glad you like it!",
                    "Hi! Order %s left our warehouse today, you'll get the tracking link by SMS. Sorry for the wait!")),

    SL("sl", PhoneCountry.SI, "EUR",
            names("Marko", "Luka", "Jure", "Matej", "Nejc"),
            names("Ana", "Maja", "Nina", "Petra", "Eva"),
            names("Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Mlakar"),
            names("Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Mlakar"),
            new Phrasebook(
                    "Reklamacija – naročilo %s",
                    "Pozdravljeni, vlagam reklamacijo za naročilo %s: paket je prispel poškodovan. "
                            + "To je že moja druga pritožba, prosim za hiter odgovor.",
                    "Pišem pritožbo: prejeti izdelek je pokvarjen.",
                    "Vprašanje glede naročila %s",
                    "Pozdravljeni, kdaj bo naročilo %s dostavljeno? Lep pozdrav",
                    "Ali mi lahko pošljete račun za zadnje naročilo?",
                    "Včeraj sem vam že pisal(a) po e-pošti, odgovora pa še ni.",
                    "Pozdravljeni",
                    "Kako spremenim naslov za dostavo?",
                    "Hvala, to mi pomaga.",
                    "Naslov lahko spremenite v Moj račun > Naročila, dokler paket ni odposlan.",
                    "Pozdravljeni! Sem virtualni pomočnik, kmalu vas bo prevzel agent.",
                    "Hvala za vaše sporočilo. Zadevo preverjamo in vam odgovorimo najkasneje do %s.",
                    "Hvala za potrpežljivost. Zadevo smo preverili, nadomestni izdelek je na poti.",
                    "Povzetek telefonskega pogovora",
                    "Kot dogovorjeno po telefonu: nadomestni izdelek pošljemo v 3 delovnih dneh.",
                    "Odličen izdelek, hitra dostava. Hvala!",
                    "Izdelek je v redu, dostava je trajala nekaj dni.",
                    "Nezadovoljen sem, po dveh dneh se je pokvaril.",
                    "Napačna velikost, izdelek želim vrniti.",
                    "Pozdravljeni, naročilo %s sem oddal prejšnji teden, pa ga še ni. Kaj se dogaja?",
                    "Dva tedna čakam na paket in nihče ne odgovori na moja sporočila. Res sem nezadovoljen, to je pritožba!",
                    "Super nova kolekcija, odlična kakovost!",
                    "Žal nam je! Poslali smo vam zasebno sporočilo, da zadevo takoj uredimo.",
                    "Najlepša hvala, veseli nas, da vam je všeč!",
                    "Pozdravljeni! Naročilo %s je danes zapustilo skladišče, povezavo za sledenje dobite po SMS-u. Oprostite za čakanje!")),

    TR("tr", PhoneCountry.TR, "TRY",
            names("Mehmet", "Mustafa", "Ahmet", "Emre", "Burak"),
            names("Ayşe", "Elif", "Zeynep", "Fatma", "Merve"),
            names("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"),
            names("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"),
            new Phrasebook(
                    "Şikayet: %s numaralı sipariş",
                    "Merhaba, %s numaralı siparişim hasarlı geldi. Bu konuda şikayet etmek istiyorum, "
                            + "lütfen en kısa sürede dönüş yapın.",
                    "Şikayetim var: gelen ürün bozuk.",
                    "%s numaralı sipariş hakkında soru",
                    "Merhaba, %s numaralı siparişim ne zaman teslim edilecek? İyi günler",
                    "Son siparişim için fatura gönderebilir misiniz?",
                    "Dün e-posta gönderdim ama hâlâ cevap alamadım.",
                    "Merhaba",
                    "Teslimat adresimi nasıl değiştirebilirim?",
                    "Teşekkürler, çok yardımcı oldu.",
                    "Kargoya verilene kadar Hesabım > Siparişlerim bölümünden değiştirebilirsiniz.",
                    "Merhaba! Ben sanal asistanım, birazdan bir temsilci size bağlanacak.",
                    "Mesajınız için teşekkürler. Konuyu inceliyoruz, en geç %s tarihine kadar yanıt vereceğiz.",
                    "Sabrınız için teşekkürler. Talebinizi inceledik, yeni ürün yola çıktı.",
                    "Telefon görüşmemizin özeti",
                    "Telefonda kararlaştırdığımız gibi: yeni ürünü 3 iş günü içinde göndereceğiz.",
                    "Harika ürün, hızlı teslimat. Teşekkürler!",
                    "Ürün fena değil, teslimat biraz uzun sürdü.",
                    "Memnun değilim, iki gün sonra bozuldu.",
                    "Beden uymadı, iade etmek istiyorum.",
                    "Merhaba, %s numaralı siparişimi geçen hafta verdim ama hâlâ gelmedi. Bir haber var mı?",
                    "İki haftadır kargomu bekliyorum, mesajlarıma kimse cevap vermiyor. Hiç memnun değilim, şikayet ediyorum!",
                    "Yeni koleksiyon harika, kalite çok iyi!",
                    "Bunu duyduğumuza üzüldük! Konuyu hemen çözmek için size özel mesaj gönderdik.",
                    "Çok teşekkür ederiz, beğenmenize sevindik!",
                    "Merhaba! %s numaralı siparişiniz bugün depodan çıktı, takip bağlantısı SMS ile gelecek. Beklettiğimiz için özür dileriz!")),

    RU("ru", PhoneCountry.RU, "RUB",
            names("Иван:ivan", "Дмитрий:dmitry", "Алексей:alexey", "Сергей:sergey"),
            names("Анна:anna", "Ольга:olga", "Мария:maria", "Елена:elena"),
            names("Петров:petrov", "Смирнов:smirnov", "Кузнецов:kuznetsov", "Попов:popov"),
            names("Петрова:petrova", "Смирнова:smirnova", "Кузнецова:kuznetsova", "Попова:popova"),
            new Phrasebook(
                    "Жалоба на заказ %s",
                    "Здравствуйте! Заказ %s пришёл повреждённым. Прошу рассматривать это письмо как "
                            + "официальную претензию и ответить как можно скорее.",
                    "Хочу подать жалобу: товар пришёл сломанным.",
                    "Вопрос по заказу %s",
                    "Здравствуйте, когда будет доставлен заказ %s? С уважением",
                    "Пришлите, пожалуйста, счёт за последний заказ.",
                    "Я вчера писал вам по почте, но ответа до сих пор нет.",
                    "Здравствуйте",
                    "Как изменить адрес доставки?",
                    "Спасибо, это помогло.",
                    "Адрес можно изменить в разделе Мой аккаунт > Заказы, пока посылка не отправлена.",
                    "Здравствуйте! Я виртуальный помощник, скоро к вам подключится оператор.",
                    "Спасибо за ваше сообщение. Мы разбираемся и ответим не позднее %s.",
                    "Спасибо за терпение. Мы проверили ваш случай, замена уже в пути.",
                    "Итоги нашего телефонного разговора",
                    "Как договорились по телефону: отправим замену в течение 3 рабочих дней.",
                    "Отличный товар, быстрая доставка. Спасибо!",
                    "Товар нормальный, доставка заняла время.",
                    "Очень недоволен: сломался через два дня.",
                    "Не подошёл размер, хочу вернуть.",
                    "Здравствуйте, заказ %s оформил на прошлой неделе, но он до сих пор не пришёл. Есть новости?",
                    "Две недели жду посылку, на сообщения никто не отвечает. Очень недоволен, пишу жалобу!",
                    "Отличная новая коллекция, качество супер!",
                    "Нам очень жаль! Мы написали вам в личные сообщения, чтобы сразу во всём разобраться.",
                    "Большое спасибо, рады, что вам нравится!",
                    "Здравствуйте! Заказ %s сегодня отправлен со склада, ссылку для отслеживания пришлём по SMS. Извините за ожидание!")),

    TH("th", PhoneCountry.TH, "THB",
            names("สมชาย:somchai", "ประเสริฐ:prasert", "อนันต์:anan"),
            names("สุดา:suda", "มาลี:malee", "วันเพ็ญ:wanpen"),
            names("ศรีสุข:srisuk", "วงศ์ใหญ่:wongyai", "แก้วมณี:kaewmanee", "ทองดี:thongdee"),
            names("ศรีสุข:srisuk", "วงศ์ใหญ่:wongyai", "แก้วมณี:kaewmanee", "ทองดี:thongdee"),
            new Phrasebook(
                    "ร้องเรียนเรื่องคำสั่งซื้อ %s",
                    "สวัสดีค่ะ คำสั่งซื้อ %s ได้รับสินค้าเสียหาย ขอร้องเรียนและขอให้ติดต่อกลับโดยเร็วค่ะ",
                    "ขอร้องเรียน สินค้าที่ได้รับเสียหาย",
                    "สอบถามเรื่องคำสั่งซื้อ %s",
                    "สวัสดีครับ คำสั่งซื้อ %s จะจัดส่งเมื่อไหร่ครับ",
                    "ขอใบแจ้งหนี้สำหรับคำสั่งซื้อล่าสุดได้ไหม",
                    "ส่งอีเมลไปเมื่อวานแล้วแต่ยังไม่ได้รับคำตอบเลย",
                    "สวัสดีค่ะ",
                    "จะเปลี่ยนที่อยู่จัดส่งได้อย่างไร",
                    "ขอบคุณค่ะ ช่วยได้มาก",
                    "เปลี่ยนได้ที่ บัญชีของฉัน > คำสั่งซื้อ ก่อนที่พัสดุจะถูกส่งออกค่ะ",
                    "สวัสดีค่ะ ฉันเป็นผู้ช่วยอัตโนมัติ เจ้าหน้าที่จะติดต่อกลับในไม่ช้า",
                    "ขอบคุณสำหรับข้อความ เรากำลังตรวจสอบและจะตอบกลับภายใน %s",
                    "ขอบคุณที่รอ เราตรวจสอบแล้ว สินค้าทดแทนกำลังจัดส่ง",
                    "สรุปการสนทนาทางโทรศัพท์",
                    "ตามที่ตกลงทางโทรศัพท์: เราจะส่งสินค้าทดแทนภายใน 3 วันทำการ",
                    "สินค้าดีมาก จัดส่งเร็ว ขอบคุณค่ะ",
                    "สินค้าใช้ได้ แต่จัดส่งช้าไปหน่อย",
                    "ไม่พอใจ ใช้ได้สองวันก็เสีย",
                    "ขนาดไม่พอดี ต้องการคืนสินค้า",
                    "สวัสดีค่ะ สั่งซื้อ %s ไปเมื่อสัปดาห์ที่แล้ว ยังไม่ได้รับเลย มีความคืบหน้าไหมคะ",
                    "รอพัสดุมาสองสัปดาห์แล้ว ส่งข้อความไปก็ไม่มีใครตอบ ไม่พอใจมาก ขอร้องเรียนค่ะ",
                    "คอลเลกชันใหม่สวยมาก คุณภาพดีเยี่ยม",
                    "ขออภัยเป็นอย่างยิ่งค่ะ เราได้ส่งข้อความส่วนตัวถึงคุณแล้ว เพื่อแก้ไขปัญหาโดยเร็ว",
                    "ขอบคุณมากค่ะ ดีใจที่คุณชอบ",
                    "สวัสดีค่ะ คำสั่งซื้อ %s ออกจากคลังสินค้าวันนี้แล้ว จะส่งลิงก์ติดตามพัสดุทาง SMS ค่ะ ขออภัยที่ให้รอ"));

    /** A name as written, and as it appears in an email address. */
    record Name(String written, String ascii) {
    }

    private final String tag;
    private final PhoneCountry phoneCountry;
    private final String currency;
    private final List<Name> maleFirstNames;
    private final List<Name> femaleFirstNames;
    private final List<Name> maleLastNames;
    private final List<Name> femaleLastNames;
    private final Phrasebook phrases;

    Language(String tag, PhoneCountry phoneCountry, String currency, List<Name> maleFirstNames, List<Name> femaleFirstNames,
             List<Name> maleLastNames, List<Name> femaleLastNames, Phrasebook phrases) {
        this.tag = tag;
        this.phoneCountry = phoneCountry;
        this.currency = currency;
        this.maleFirstNames = maleFirstNames;
        this.femaleFirstNames = femaleFirstNames;
        this.maleLastNames = maleLastNames;
        this.femaleLastNames = femaleLastNames;
        this.phrases = phrases;
    }

    /** BCP 47 tag. */
    String tag() {
        return tag;
    }

    PhoneCountry phoneCountry() {
        return phoneCountry;
    }

    String currency() {
        return currency;
    }

    List<Name> firstNames(boolean female) {
        return female ? femaleFirstNames : maleFirstNames;
    }

    /** Russian surnames agree with the gender; the other languages' lists are the same twice. */
    List<Name> lastNames(boolean female) {
        return female ? femaleLastNames : maleLastNames;
    }

    Phrasebook phrases() {
        return phrases;
    }

    /** "Written:ascii", or a Latin name whose ASCII form drops the diacritics. */
    private static List<Name> names(String... entries) {
        return Arrays.stream(entries).map(entry -> {
            int colon = entry.indexOf(':');
            return colon < 0 ? new Name(entry, ascii(entry)) : new Name(entry.substring(0, colon), entry.substring(colon + 1));
        }).toList();
    }

    /** "Kovačič" → "kovacic", "Yılmaz" → "yilmaz" (the dotless ı has no decomposition). */
    private static String ascii(String latin) {
        String decomposed = Normalizer.normalize(latin.replace('ı', 'i'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
