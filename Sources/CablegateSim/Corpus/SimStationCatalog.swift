/// The fixed list of a few hundred posts the corpus draws origins from, with weights (Department, big embassies).
enum SimStationCatalog {
    static let all: [SimStation] = build()
    static let cumulativeWeights: [Double] = {
        var sum = 0.0
        return all.map { station in
            sum += station.weight
            return sum
        }
    }()

    private static let embassies =
        "Baghdad,Ankara,Tel Aviv,Paris,Madrid,Rome,Berlin,London,Moscow,Beijing,Tokyo,Seoul,Kabul,Islamabad,"
        + "New Delhi,Cairo,Amman,Riyadh,Brasilia,Mexico,Ottawa,Buenos Aires,Caracas,Bogota,Lima,Santiago,Quito,"
        + "La Paz,Asuncion,Montevideo,Panama,San Jose,Managua,Tegucigalpa,San Salvador,Guatemala,Havana,"
        + "Santo Domingo,Port Au Prince,Kingston,Bridgetown,Port Of Spain,Georgetown,Paramaribo,Nassau,Belmopan,"
        + "Abidjan,Abu Dhabi,Abuja,Accra,Addis Ababa,Algiers,Antananarivo,Asmara,Astana,Ashgabat,Athens,Baku,"
        + "Bamako,Bangkok,Bangui,Banjul,Beirut,Belgrade,Bern,Bishkek,Bratislava,Brussels,Bucharest,Budapest,"
        + "Bujumbura,Canberra,Chisinau,Colombo,Conakry,Copenhagen,Cotonou,Dakar,Damascus,Dar Es Salaam,Dhaka,"
        + "Dili,Djibouti,Doha,Dublin,Dushanbe,Freetown,Gaborone,Hanoi,Harare,Helsinki,Jakarta,Kampala,Kathmandu,"
        + "Khartoum,Kigali,Kinshasa,Kuala Lumpur,Kuwait,Kyiv,Lagos,Libreville,Lilongwe,Lisbon,Ljubljana,Lome,"
        + "Luanda,Lusaka,Luxembourg,Malabo,Manama,Manila,Maputo,Maseru,Mbabane,Minsk,Monrovia,Muscat,Nairobi,"
        + "Ndjamena,Niamey,Nicosia,Nouakchott,Oslo,Ouagadougou,Phnom Penh,Podgorica,Port Louis,Port Moresby,"
        + "Prague,Pretoria,Pristina,Rangoon,Reykjavik,Riga,Sanaa,Sarajevo,Singapore,Skopje,Sofia,Stockholm,"
        + "Suva,Tallinn,Tashkent,Tbilisi,Tegucigalpa,The Hague,Tirana,Tripoli,Tunis,Ulaanbaatar,Valletta,"
        + "Vatican,Vienna,Vientiane,Vilnius,Warsaw,Wellington,Windhoek,Yaounde,Yerevan,Zagreb,Wellington,"
        + "Kolonia,Majuro,Koror,Apia,Nuku Alofa,Port Vila,Honiara,Tarawa,Bandar Seri Begawan,Brazzaville,"
        + "Praia,Moroni,Victoria,Sao Tome,Bissau,Rabat,Nouakchott,Yaounde,Dublin,Helsinki"
    private static let consulates =
        "Chengdu,Shanghai,Guangzhou,Shenyang,Hong Kong,Wuhan,Osaka Kobe,Naha,Sapporo,Fukuoka,Nagoya,Busan,"
        + "Mumbai,Chennai,Kolkata,Hyderabad,Karachi,Lahore,Peshawar,Istanbul,Adana,Jerusalem,Jeddah,Dhahran,"
        + "Dubai,Basrah,Erbil,Kirkuk,Mosul,Sao Paulo,Rio De Janeiro,Recife,Monterrey,Tijuana,Guadalajara,"
        + "Ciudad Juarez,Nuevo Laredo,Matamoros,Hermosillo,Nogales,Merida,Toronto,Montreal,Vancouver,Calgary,"
        + "Halifax,Quebec,Frankfurt,Munich,Hamburg,Duesseldorf,Leipzig,Marseille,Strasbourg,Milan,Naples,"
        + "Florence,Barcelona,Edinburgh,Belfast,St Petersburg,Yekaterinburg,Vladivostok,Krakow,Thessaloniki,"
        + "Ponta Delgada,Casablanca,Lagos,Johannesburg,Cape Town,Durban,Alexandria,Chiang Mai,Surabaya,"
        + "Medan,Ho Chi Minh City,Melbourne,Sydney,Perth,Auckland,Curacao,Hamilton,Guayaquil"
    private static let specials: [(code: String, origin: String, from: String, weight: Double, large: Bool)] = [
        ("STATE", "Secretary of State", "SECSTATE WASHDC", 90, true),
        ("USNATO", "Mission USNATO", "USMISSION USNATO", 6, false),
        ("USUNNEWYORK", "Mission USUN New York", "USMISSION USUN NEW YORK", 8, false),
        ("UNVIEVIENNA", "UNVIE", "USMISSION UNVIE VIENNA", 4, false),
        ("GENEVA", "Mission Geneva", "USMISSION GENEVA", 3, false),
        ("USEUBRUSSELS", "USEU Brussels", "USEU BRUSSELS", 4, false),
        ("USOSCE", "Mission USOSCE", "USMISSION USOSCE", 2, false),
        ("AITTAIPEI", "American Institute Taiwan, Taipei", "AIT TAIPEI", 5, false),
        ("UNROME", "Mission UNESCO", "USMISSION UN ROME", 1, false),
        ("USUNROME", "UN Rome", "USMISSION USUN ROME", 1, false),
        ("CDGENEVA", "US Delegation, Secretary", "USDEL CD GENEVA", 1, false),
        ("REOBASRAH", "REO Basrah", "REO BASRAH", 1, false),
        ("REOHILLAH", "REO Hillah", "REO HILLAH", 1, false),
        ("REOKIRKUK", "REO Kirkuk", "REO KIRKUK", 1, false),
        ("USINTHAVANA", "US Interests Section Havana", "USINT HAVANA", 2, false),
        ("SECDEF", "Secretary of Defense", "SECDEF WASHDC", 1, false),
        ("DIRFBI", "Director, FBI", "DIRFBI WASHDC", 0.3, false),
        ("CIA", "Central Intelligence Agency", "CIA WASHDC", 0.3, false),
        ("USDAFAS", "US Department of Agriculture", "USDA FAS WASHDC", 0.3, false),
        ("IAEAVIENNA", "Mission IAEA", "USMISSION IAEA VIENNA", 0.8, false),
    ]

    private static func build() -> [SimStation] {
        var stations: [SimStation] = []
        var seenCodes: Set<String> = []
        func add(code: String, origin: String, from: String, weight: Double, large: Bool) {
            guard seenCodes.insert(code).inserted else { return }
            stations.append(
                SimStation(
                    code: code, origin: origin, fromAddress: from, routingIndicator: routing(for: code),
                    weight: weight, largeSerials: large))
        }
        for special in specials {
            add(
                code: special.code, origin: special.origin, from: special.from, weight: special.weight,
                large: special.large)
        }
        for (rank, city) in embassies.split(separator: ",").enumerated() {
            let code = codeFor(city)
            add(
                code: code, origin: "Embassy \(city)", from: "AMEMBASSY \(city.uppercased())",
                weight: 40 / Double(rank + 4), large: false)
        }
        for (rank, city) in consulates.split(separator: ",").enumerated() {
            let code = codeFor(city)
            add(
                code: code, origin: "Consulate \(city)", from: "AMCONSUL \(city.uppercased())",
                weight: 8 / Double(rank + 6), large: false)
        }
        return stations
    }

    private static func codeFor(_ city: Substring) -> String {
        String(city.uppercased().filter { $0.isLetter })
    }

    /// A stable `RUEH..` routing indicator derived from the code's letters.
    private static func routing(for code: String) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in code.utf8 {
            hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211
        }
        let first = letters[Int(hash % 26)]
        let second = letters[Int((hash / 26) % 26)]
        return "RUEH\(first)\(second)"
    }
}
