"""Countries and regions a story is about, from its place entities (GPE/LOC).

A place mention is resolved through a small gazetteer (`COUNTRIES`: name, aliases,
capital and main cities, region; US states fold into the United States). A country
counts when at least ``min_share`` of the story's place mentions — or at least two
mentions in two articles — point to it, so a passing "like in Japan" does not tag the
story. The outlet's own country is never used.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsprism.nlp.entities import entity_key

__all__ = ["COUNTRIES", "country_of", "story_regions"]

# name | region | aliases and cities (;-separated); a country may span several lines
_TABLE = """
United States|North America|us;usa;america;united states of america;washington;new york
United States|North America|california;texas;florida;chicago;los angeles;san francisco;boston
United States|North America|atlanta;seattle;miami;detroit;philadelphia;houston;alabama;alaska
United States|North America|arizona;arkansas;colorado;connecticut;delaware;georgia state;hawaii
United States|North America|idaho;illinois;indiana;iowa;kansas;kentucky;louisiana;maine
United States|North America|maryland;massachusetts;michigan;minnesota;mississippi;missouri
United States|North America|montana;nebraska;nevada;new hampshire;new jersey;new mexico
United States|North America|north carolina;north dakota;ohio;oklahoma;oregon;pennsylvania
United States|North America|rhode island;south carolina;south dakota;tennessee;utah;vermont
United States|North America|virginia;west virginia;wisconsin;wyoming;dc;washington dc
United States|North America|puerto rico
Canada|North America|ottawa;toronto;montreal;vancouver;quebec;ontario;alberta;british columbia
Mexico|Latin America|mexico city;tijuana;guadalajara;monterrey
Brazil|Latin America|brasilia;rio de janeiro;sao paulo
Argentina|Latin America|buenos aires
Venezuela|Latin America|caracas
Colombia|Latin America|bogota
Cuba|Latin America|havana
Chile|Latin America|santiago
Peru|Latin America|lima
Bolivia|Latin America|la paz
Ecuador|Latin America|quito
Haiti|Latin America|port-au-prince
Nicaragua|Latin America|managua
Guatemala|Latin America|guatemala city
Honduras|Latin America|tegucigalpa
El Salvador|Latin America|san salvador
United Kingdom|Europe|uk;britain;great britain;england;scotland;wales;northern ireland;london
United Kingdom|Europe|manchester;edinburgh;belfast;glasgow;birmingham
Ireland|Europe|dublin;republic of ireland
France|Europe|paris;marseille;lyon
Germany|Europe|berlin;munich;frankfurt;hamburg
Italy|Europe|rome;milan;naples;venice
Spain|Europe|madrid;barcelona;catalonia
Portugal|Europe|lisbon
Netherlands|Europe|holland;amsterdam;the hague;rotterdam
Belgium|Europe|brussels
Switzerland|Europe|geneva;zurich;bern;davos
Austria|Europe|vienna
Sweden|Europe|stockholm
Norway|Europe|oslo
Denmark|Europe|copenhagen;greenland
Finland|Europe|helsinki
Poland|Europe|warsaw
Czech Republic|Europe|czechia;prague
Hungary|Europe|budapest
Romania|Europe|bucharest
Bulgaria|Europe|sofia
Greece|Europe|athens
Serbia|Europe|belgrade
Croatia|Europe|zagreb
Bosnia and Herzegovina|Europe|bosnia;sarajevo
Kosovo|Europe|pristina
Albania|Europe|tirana
North Macedonia|Europe|macedonia;skopje
Moldova|Europe|chisinau
Ukraine|Europe|kyiv;kiev;kharkiv;odesa;odessa;donbas;crimea;mariupol;lviv
Belarus|Europe|minsk
Lithuania|Europe|vilnius
Latvia|Europe|riga
Estonia|Europe|tallinn
Russia|Europe|russian federation;moscow;st petersburg;siberia;chechnya
Turkey|Middle East|turkiye;ankara;istanbul
Georgia|Europe|tbilisi
Armenia|Asia|yerevan
Azerbaijan|Asia|baku;nagorno-karabakh
Israel|Middle East|jerusalem;tel aviv
Palestinian territories|Middle East|palestine;gaza;gaza strip;west bank;ramallah
Lebanon|Middle East|beirut
Syria|Middle East|damascus;aleppo;idlib
Jordan|Middle East|amman
Iraq|Middle East|baghdad;mosul;basra;kurdistan
Iran|Middle East|tehran
Saudi Arabia|Middle East|riyadh;jeddah;mecca
United Arab Emirates|Middle East|uae;dubai;abu dhabi
Qatar|Middle East|doha
Kuwait|Middle East|kuwait city
Bahrain|Middle East|manama
Oman|Middle East|muscat
Yemen|Middle East|sanaa;aden
Egypt|Africa|cairo;sinai
Libya|Africa|tripoli;benghazi
Tunisia|Africa|tunis
Algeria|Africa|algiers
Morocco|Africa|rabat;casablanca
Sudan|Africa|khartoum;darfur
South Sudan|Africa|juba
Ethiopia|Africa|addis ababa;tigray
Somalia|Africa|mogadishu
Kenya|Africa|nairobi
Uganda|Africa|kampala
Tanzania|Africa|dodoma;dar es salaam
Rwanda|Africa|kigali
Democratic Republic of the Congo|Africa|drc;congo;kinshasa
Nigeria|Africa|abuja;lagos
Ghana|Africa|accra
Mali|Africa|bamako
Niger|Africa|niamey
Burkina Faso|Africa|ouagadougou
Senegal|Africa|dakar
Ivory Coast|Africa|cote d'ivoire;abidjan
Cameroon|Africa|yaounde
South Africa|Africa|pretoria;johannesburg;cape town
Zimbabwe|Africa|harare
Mozambique|Africa|maputo
Angola|Africa|luanda
China|Asia|beijing;shanghai;hong kong;xinjiang;tibet;wuhan;shenzhen;guangzhou
Taiwan|Asia|taipei
Japan|Asia|tokyo;osaka;fukushima;okinawa
North Korea|Asia|pyongyang;dprk
South Korea|Asia|seoul;korea
Mongolia|Asia|ulaanbaatar
India|Asia|new delhi;delhi;mumbai;kashmir;bangalore;kolkata
Pakistan|Asia|islamabad;karachi;lahore
Afghanistan|Asia|kabul;kandahar
Bangladesh|Asia|dhaka
Sri Lanka|Asia|colombo
Nepal|Asia|kathmandu
Myanmar|Asia|burma;yangon;naypyidaw
Thailand|Asia|bangkok
Vietnam|Asia|hanoi;ho chi minh city
Cambodia|Asia|phnom penh
Malaysia|Asia|kuala lumpur
Singapore|Asia|
Indonesia|Asia|jakarta;bali
Philippines|Asia|manila
Kazakhstan|Asia|astana;almaty
Uzbekistan|Asia|tashkent
Australia|Oceania|canberra;sydney;melbourne;brisbane;perth
New Zealand|Oceania|wellington;auckland;christchurch
"""


def _load() -> tuple[dict[str, str], dict[str, str]]:
    lookup: dict[str, str] = {}
    region: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        name, reg, aliases = line.split("|")
        region[name] = reg
        lookup[entity_key(name)] = name
        for alias in aliases.split(";"):
            if alias:
                lookup.setdefault(entity_key(alias), name)
    return lookup, region


_LOOKUP, COUNTRIES = _load()


def country_of(place: str) -> str | None:
    """Return the country of a place name ("Minsk" → "Belarus"), or None if unknown."""
    key = entity_key(place)
    if key.startswith("the "):
        key = key[4:]
    return _LOOKUP.get(key)


def story_regions(
    places_per_article: Sequence[Sequence[str]], *, min_share: float = 0.15, max_countries: int = 6
) -> list[dict[str, object]]:
    """List ``{"country", "region", "mentions", "articles"}`` a story is about, most first."""
    mentions: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for places in places_per_article:
        found = [c for c in (country_of(p) for p in places) if c]
        mentions.update(found)
        articles.update(set(found))
    total = sum(mentions.values())
    out: list[dict[str, object]] = []
    for country, n in mentions.most_common():
        if n / total >= min_share or (n >= 2 and articles[country] >= 2):
            out.append(
                {
                    "country": country,
                    "region": COUNTRIES[country],
                    "mentions": n,
                    "articles": articles[country],
                }
            )
        if len(out) == max_countries:
            break
    return out
