/// Word lists the text generator composes sentences, subjects, names and tags from.
enum SimVocabulary {
    static let subjectTags = words(
        "PREL PGOV PINR PTER MARR MOPS ECON EFIN ETRD EINV ENRG EPET KNNP PARM PHUM SOCI KDEM KJUS SNAR KCRM "
            + "ASEC AMGT CASC CVIS KPAO OEXC SCUL TBIO TSPL ELAB EAGR EAID PREF KISL KWMN KTIP KIRF KFLU AORC UNSC "
            + "MASS MCAP NATO OVIP PINS PBTS PHSA EWWT ECIN KPAL KMDR KSUM KGHG SENV EMIN ETTC KOMC KTFN KNAR KPKO "
            + "KSCA KSEP KIPR KCOR KHIV KCFE KBIO KWBG KHDP IRAQI MNUC PROP PINT PTERE KVPR CMGT ABUD APER AFIN")
    static let countryTags = words(
        "US KS KN CH JA RS UK FR GM IT SP TU IZ AF PK IN IR IS EG JO SA BR MX CA AR VE CO PE CI EC BL PA CS NU HO "
            + "ES GT CU DR HA JM IV AG AO ET SU NI KE ZI SF TZ UG CG RW SO YM MU QA BA KU AE LE SY TS LY MO MR ML "
            + "SG UV NG CD BY GB GA EK CT CM TO BN GH LI SL PU GV BC WA ZA MI MZ MA CN KZ KG TI TX UZ AJ AM GG UP BO "
            + "LH LG EN PL HU EZ LO SI HR BK RI MW MK AL GR CY RO BU MD FI SW NO DA IC EI NL BE LU AU SZ PO VT EUN "
            + "AS NZ ID MY RP TH VM BM CB LA SN BX TT PP FJ BG CE NP BT TW MV KV")
    static let commonWords = words(
        "the government minister said that officials would continue to discuss a new framework for cooperation "
            + "on security and trade while opposition leaders expressed concern about the election process and "
            + "the economy remains under pressure from rising prices and weak demand ambassador met with senior "
            + "advisors who noted that parliament is expected to vote on the budget next week despite strong "
            + "resistance from regional parties several contacts told poloff the president has little interest "
            + "in reform and will likely delay any decision until after the summit the ministry of foreign affairs "
            + "confirmed its support for the initiative but stressed that funding must come from international "
            + "partners according to press reports the military has increased its presence along the border "
            + "following recent incidents and local authorities have detained suspects in connection with the "
            + "attacks embassy will continue to monitor developments and report as appropriate comment this is "
            + "a significant shift in policy that could affect bilateral relations and regional stability end "
            + "comment negotiations remain stalled over the question of sovereignty and the status of refugees "
            + "the central bank announced measures to stabilize the currency investors remain cautious the "
            + "delegation requested assistance with training equipment and technical expertise in counterterrorism "
            + "human rights groups criticized the new law as a threat to freedom of expression and assembly "
            + "the coalition agreed to extend the mandate of the peacekeeping mission by six months pending review")
    static let properNouns = words(
        "Ahmadinejad Karzai Maliki Medvedev Putin Sarkozy Merkel Berlusconi Zapatero Erdogan Lula Chavez Uribe "
            + "Calderon Harper Rudd Hatoyama Hu Wen Lee Roh Kim Singh Zardari Gilani Mubarak Abdullah Assad Hariri "
            + "Netanyahu Olmert Abbas Salih Bashir Kibaki Odinga Mugabe Tsvangirai Zuma Mbeki Yudhoyono Arroyo "
            + "Thaksin Abhisit Ségolène Saakashvili Yushchenko Tymoshenko Yanukovych Lukashenko Nazarbayev Karimov Aliyev"
    )
    static let surnames = words(
        "VERSHBOW BURNS RICE CLINTON CROCKER HILL RYAN PATTERSON SCOBEY JEFFREY WILSON PEARCE BROWNFIELD SHAPIRO "
            + "MCCORMICK SISON HUNTSMAN ROOS RIVKIN GUTMAN MURPHY DUNCAN LEBARON SMITH JOHNSON BROWN DAVIS MILLER "
            + "GARCIA MARTINEZ ANDERSON TAYLOR THOMAS MOORE JACKSON MARTIN THOMPSON WHITE HARRIS CLARK LEWIS")
    static let commonWordsCapitalized = commonWords.map(capitalized)
    static let commonWordsUpper = commonWords.map { $0.uppercased() }
    static let properNounsUpper = properNouns.map { $0.uppercased() }
    static let rawAmpersandTokens = ["R&D", "AT&T", "Q&A", "&", "M&A", "S&T"]

    static func capitalized(_ word: String) -> String {
        guard let initial = word.first else { return word }
        return initial.uppercased() + word.dropFirst()
    }

    static func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }
}
