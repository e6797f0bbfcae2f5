"""Word pools for the generated registry: organisation and service names, descriptions and
people, in Polish, Ukrainian (Cyrillic) and English, with the diacritics and punctuation
real records have (so the parsers meet quotes, colons and non-ASCII text)."""

from __future__ import annotations

#: (pl, uk, en) kinds of organisation, by member-kinds term
ORGANISATIONS = {
    "ngo-local": [("Fundacja", "Фонд", "Foundation"), ("Stowarzyszenie", "Асоціація", "Association")],
    "ngo-regional": [("Regionalne Stowarzyszenie", "Регіональна асоціація", "Regional Association")],
    "ngo-national": [("Ogólnopolska Federacja", "Всепольська федерація", "National Federation")],
    "social-welfare-centre": [("Miejski Ośrodek Pomocy Rodzinie", "Міський центр допомоги сім'ї",
                               "Municipal Family Assistance Centre")],
    "labour-office": [("Powiatowy Urząd Pracy", "Повітовий центр зайнятості", "District Labour Office")],
    "religious": [("Caritas Parafii", "Карітас парафії", "Parish Caritas")],
    "social-enterprise": [("Spółdzielnia Socjalna", "Соціальний кооператив", "Social Cooperative")],
    "medical": [("Poradnia Zdrowia Psychicznego", "Центр психічного здоров'я", "Mental Health Clinic")],
    "education": [("Zespół Szkół Zawodowych", "Комплекс професійних шкіл", "Vocational School Group")],
    "business": [("Przedsiębiorstwo Usługowe", "Сервісне підприємство", "Service Company")],
}
#: (pl, uk, en) names organisations are named after
PATRONS = [
    ("Nadzieja", "Надія", "Hope"), ("Przystań", "Пристань", "Harbour"), ("Dobry Start", "Добрий старт",
    "Good Start"), ("Wspólny Dom", "Спільний дім", "Common Home"), ("Św. Brata Alberta", "Св. брата Альберта",
    "St Brother Albert"), ("Otwarte Drzwi", "Відчинені двері", "Open Doors"), ("Krok Dalej", "Крок далі",
    "One Step Further"), ("Ziemia Lubelska", "Люблінська земля", "Lublin Land"), ("Most", "Міст", "Bridge"),
    ("Źródło", "Джерело", "Spring"), ("Łączy Nas Praca", "Нас єднає праця", "Work Unites Us"),
    ("Promyk", "Промінчик", "Little Ray"), ("Dom Matki", "Дім матері", "Mother's House"),
    ("Wzajemna Pomoc", "Взаємодопомога", "Mutual Aid"), ("Jutrzenka", "Зоря", "Dawn"),
]
CITIES = [
    ("Lublin", "20-001"), ("Chełm", "22-100"), ("Zamość", "22-400"), ("Biała Podlaska", "21-500"),
    ("Puławy", "24-100"), ("Świdnik", "21-040"), ("Kraśnik", "23-200"), ("Łuków", "21-400"),
    ("Warszawa", "00-001"), ("Kraków", "30-001"), ("Wrocław", "50-001"), ("Gdańsk", "80-001"),
    ("Łódź", "90-001"), ("Poznań", "60-001"), ("Rzeszów", "35-001"), ("Białystok", "15-001"),
]
STREETS = ["ul. Krakowskie Przedmieście", "ul. Narutowicza", "al. Racławickie", "ul. Lubartowska",
           "ul. Zana", "ul. Głęboka", "ul. Długa", "ul. Świętego Ducha", "ul. Żołnierzy Niepodległej",
           "pl. Wolności", "ul. Ogrodowa", "ul. Kościuszki"]
FIRST_NAMES = ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Piotr", "Krzysztof", "Andrzej",
               "Tomasz", "Paweł", "Олена", "Оксана", "Іван", "Тарас", "Jiří", "Lucie", "Ewa", "Łukasz",
               "Zofia", "Grzegorz"]
LAST_NAMES = ["Kowalska", "Nowak", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zielińska",
              "Szymański", "Dąbrowska", "Коваленко", "Шевченко", "Бондаренко", "Dvořák", "Nováková",
              "Żak", "Mazur", "Krawczyk", "Piątek", "Grabowska", "Pawlak"]
ROLES = [("koordynator", "координатор", "coordinator"), ("pracownik socjalny", "соціальний працівник",
         "social worker"), ("sekretariat", "секретаріат", "office"), ("dyrektor", "директор", "director"),
         ("psycholog", "психолог", "psychologist")]
#: (pl, uk, en) service descriptions, by service-types term; '%s' takes the city
SERVICES = {
    "night-shelter": ("Noclegownia", "Нічліжка", "Night shelter",
                      "Nocleg, ciepły posiłek i łaźnia: od 18:00 do 8:00, bez skierowania w mrozy.",
                      "Нічліг, гаряча їжа та душ: з 18:00 до 8:00; у морози без направлення.",
                      "A bed, a hot meal and a shower: 6 pm to 8 am, no referral needed in frost."),
    "asylum-housing": ("Schronisko dla osób bezdomnych", "Притулок для бездомних", "Shelter for homeless people",
                       "Całodobowe schronienie z pracą socjalną i indywidualnym programem wychodzenia z bezdomności.",
                       "Цілодобовий притулок із соціальною роботою та індивідуальною програмою.",
                       "Round-the-clock shelter with social work and a personal plan out of homelessness."),
    "soup-kitchen": ("Jadłodajnia", "Їдальня", "Soup kitchen",
                     "Gorący obiad codziennie (także w niedziele), \"bez pytań\" dla każdego potrzebującego.",
                     "Гарячий обід щодня, також у неділю — для кожного, хто потребує.",
                     "A hot lunch every day (Sundays too), \"no questions asked\" for anyone in need."),
    "vocational-counselling": ("Doradztwo zawodowe", "Профорієнтація", "Vocational counselling",
                               "Indywidualne doradztwo: CV, rozmowa kwalifikacyjna, bilans kompetencji.",
                               "Індивідуальні консультації: резюме, співбесіда, оцінка компетенцій.",
                               "One-to-one counselling: CV, job interview, skills review."),
    "legal-aid": ("Nieodpłatna pomoc prawna", "Безоплатна правова допомога", "Free legal aid",
                  "Porady prawne: mieszkanie, długi, alimenty; również dla cudzoziemców (tłumacz).",
                  "Юридичні консультації: житло, борги, аліменти; також для іноземців (перекладач).",
                  "Legal advice on housing, debt and maintenance; also for foreigners (interpreter)."),
    "psychological-support": ("Wsparcie psychologiczne", "Психологічна підтримка", "Psychological support",
                              "Konsultacje psychologiczne i grupy wsparcia; terminy w 7 dni.",
                              "Психологічні консультації та групи підтримки; запис протягом 7 днів.",
                              "Psychological consultations and support groups; appointments within 7 days."),
    "halfway-house": ("Mieszkanie treningowe", "Тренувальне житло", "Halfway house",
                      "Mieszkanie dla usamodzielniających się wychowanków pieczy zastępczej, na 12–24 miesiące.",
                      "Житло для вихованців, які залишають опіку, на 12–24 місяці.",
                      "A flat for young people leaving care, for 12–24 months."),
    "crisis-intervention-centre": ("Ośrodek interwencji kryzysowej", "Центр кризового втручання",
                                   "Crisis intervention centre",
                                   "Pomoc w kryzysie: przemoc, żałoba, utrata mieszkania. Dyżur 24/7.",
                                   "Допомога в кризі: насильство, втрата, втрата житла. Чергування 24/7.",
                                   "Help in a crisis: violence, loss, losing a home. Open 24/7."),
    "food-bank-distribution": ("Wydawanie żywności", "Видача продуктів", "Food distribution",
                               "Paczki żywnościowe co dwa tygodnie; kryterium dochodowe: 262% progu.",
                               "Продуктові набори раз на два тижні; критерій доходу: 262% порогу.",
                               "Food parcels every two weeks; income test: 262% of the threshold."),
    "addiction-therapy": ("Terapia uzależnień", "Терапія залежностей", "Addiction therapy",
                          "Terapia grupowa i indywidualna; program 'Trzeźwy Start' dla osób bezdomnych.",
                          "Групова та індивідуальна терапія; програма «Тверезий старт».",
                          "Group and individual therapy; the 'Sober Start' programme for homeless people."),
}
TARGETS = ["homeless", "long-term-unemployed", "youth-leaving-care", "refugees", "people-with-disabilities",
           "seniors", "families-with-children", "victims-of-violence", "addicted", "people-in-debt",
           "low-income", "migrants"]
PROJECT_TITLES = [("Wyjść z bezdomności", "Вийти з бездомності", "Out of homelessness"),
                  ("Aktywni razem", "Активні разом", "Active together"),
                  ("Start w dorosłość", "Старт у доросле життя", "A start in adult life"),
                  ("Bezpieczny dom", "Безпечний дім", "A safe home"),
                  ("Praca dla każdego", "Робота для кожного", "Work for everyone")]
FUNDERS = ["European Social Fund Plus", "Fundusz Inicjatyw Obywatelskich", "Norway Grants",
           "Urząd Marszałkowski Województwa Lubelskiego"]
