"""Words and names the synthesizer draws from: people, places, organisations, sites, agencies.

Kept as immutable tuples so every generator picks from them through its own seeded
``random.Random`` (no module state changes, same seed gives the same page).
"""

from __future__ import annotations

FIRST_NAMES = (
    "Alexei", "Jane", "Mark", "Sarah", "David", "Amina", "Tom", "Lucy", "Rahul", "Elena",
    "James", "Fatima", "Peter", "Maria", "John", "Chen", "Olga", "Daniel", "Grace", "Kwame",
    "Helen", "Ivan", "Sophie", "Carlos", "Anna", "Michael", "Priya", "Hugo", "Laura", "Yusuf",
    "Claire", "Stefan", "Nadia", "Robert", "Emma", "José", "Zoë", "Søren", "Chloé", "André",
)
LAST_NAMES = (
    "Doe", "Druzhinin", "Smith", "Patel", "Okafor", "Nguyen", "Garcia", "Kowalski", "Brown",
    "Ivanova", "Taylor", "Hughes", "Schmidt", "Rossi", "Murphy", "Khan", "Walker", "Dubois",
    "Jensen", "Morales", "Fischer", "Owusu", "Lindqvist", "Costa", "Bennett", "Harris", "Sato",
    "Müller", "Núñez", "Brontë", "Lefèvre", "O'Neill", "Kim", "Adeyemi", "Novak",
)
CITIES = (
    "London", "Manchester", "Paris", "Berlin", "Moscow", "Geneva", "Brussels", "Madrid", "Rome",
    "Washington", "New York", "Tokyo", "Delhi", "Nairobi", "Lagos", "Sydney", "Toronto", "Dublin",
    "Edinburgh", "Cardiff", "Warsaw", "Kyiv", "Istanbul", "Cairo", "São Paulo", "Zürich", "Málaga",
)
COUNTRIES = (
    "France", "Germany", "Russia", "Syria", "Japan", "India", "Kenya", "Nigeria", "Brazil",
    "Canada", "Ireland", "Poland", "Spain", "Italy", "Turkey", "Egypt", "Australia", "Mexico",
)
COMPANIES = (
    "Northwind Energy", "Halcyon Airways", "Brightwater Foods", "Meridian Bank", "Cobalt Motors",
    "Tessellate Software", "Greyfield Mining", "Ashdown Retail", "Kestrel Telecom", "Orbis Pharma",
    "Lumen Media", "Harbour Steel", "Vantage Insurance", "Pinecrest Homes", "Quantel Chips",
)
INSTITUTIONS = (
    "the Ministry of Defence", "the Treasury", "the Home Office", "the central bank",
    "the European Commission", "the city council", "the competition watchdog", "the High Court",
    "the health service", "the Electoral Commission", "the football association", "parliament",
    "the World Health Organization", "the United Nations", "the Supreme Court", "the regulator",
)
ROLES = (
    "chief executive", "finance minister", "spokesman", "spokeswoman", "prime minister",
    "manager", "chairman", "analyst", "professor", "head coach", "union leader", "director",
    "foreign minister", "mayor", "chief economist", "campaigner", "senior official",
)
TEAMS = (
    "Rovers", "United", "City", "Athletic", "Wanderers", "Albion", "Harriers", "Rangers",
)
SECTIONS = (
    "Home", "News", "World", "UK", "Business", "Politics", "Tech", "Science", "Health",
    "Sport", "Entertainment & Arts", "Opinion", "Video", "Live", "Travel", "Culture",
    "Weather", "Money", "Lifestyle", "Education", "Environment", "Local", "Features",
)
SITE_WORDS_A = (
    "Daily", "Evening", "Northgate", "Riverside", "Global", "Free", "Morning", "Capital",
    "Independent", "Weekly", "Citizen", "Open", "Frontline", "Metro",
)
SITE_WORDS_B = (
    "Ledger", "Courier", "Times", "Herald", "Post", "Observer", "Gazette", "Dispatch",
    "Chronicle", "Report", "Journal", "Tribune", "Wire", "Monitor",
)
TLDS = ("com", "co.uk", "net", "org", "info", "news")
AGENCIES = (
    "Reuters", "AP", "AFP", "Getty Images", "PA", "EPA", "Sputnik", "Shutterstock", "Alamy",
    "Bloomberg", "AFP/Getty Images", "PA Wire", "EPA-EFE", "Xinhua", "ANP", "TASS", "Rex Features",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
SOCIAL = ("Facebook", "Twitter", "LinkedIn", "WhatsApp", "Email", "Print", "Reddit", "Pinterest",
          "Tumblr", "Telegram", "Pocket", "Messenger", "X")
