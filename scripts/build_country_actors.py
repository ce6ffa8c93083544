# ruff: noqa: E501  (the curated table below keeps one country a line)
"""Write the countries block of analysis/resources/actors.yaml from pycountry and a curated table.

pycountry gives every ISO 3166 country with its official and common names; it has no demonyms,
capitals or cities, so those live in COUNTRY_TABLE below (hand-curated). Run

    python scripts/build_country_actors.py

to rewrite the block between the "generated countries" marker lines of actors.yaml; everything
outside the markers (organisations, people, groups, regions) is curated by hand and kept as is.
The YAML file stays the source of truth that analysts read and edit.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pycountry
import yaml

ACTORS_YAML = Path(__file__).resolve().parents[1] / "analysis" / "resources" / "actors.yaml"
BEGIN = "# >>> generated countries (scripts/build_country_actors.py) >>>"
END = "# <<< generated countries <<<"

# ISO3 | canonical name (blank: pycountry's common name) | more names | demonyms | seats of
# government, the capital first | other cities. "A=B" gives one place two names, A canonical.
# Seats of government stand for it ("Tehran denies"); other cities are only places. Ambiguous
# names (Victoria, Hamilton, Douglas, Male, Kingston, Georgetown, Cambridge, Birmingham, and
# cities that are common first names or surnames) are left out on purpose.
COUNTRY_TABLE = """
ABW | | | Aruban | Oranjestad |
AFG | | | Afghan;Afghans | Kabul | Kandahar;Herat;Jalalabad;Mazar-i-Sharif;Bagram;Helmand
AGO | | | Angolan;Angolans | Luanda |
AIA | | | Anguillan | The Valley |
ALA | Aland Islands | Åland Islands | | Mariehamn |
ALB | | | Albanian;Albanians | Tirana |
AND | | | Andorran | Andorra la Vella |
ARE | United Arab Emirates | UAE;U.A.E.;the Emirates | Emirati;Emiratis | Abu Dhabi | Dubai;Sharjah;Fujairah;Ras al-Khaimah;Ajman
ARG | | | Argentine;Argentines;Argentinian;Argentinians | Buenos Aires | Cordoba;Rosario
ARM | | | Armenian;Armenians | Yerevan |
ASM | | | | Pago Pago |
ATA | | | | |
ATF | | | | |
ATG | | Antigua | Antiguan | St. John's |
AUS | | | Australian;Australians;Aussie | Canberra | Sydney;Melbourne;Brisbane;Perth;Adelaide;Hobart
AUT | | | Austrian;Austrians | Vienna | Salzburg;Innsbruck;Linz;Graz
AZE | | | Azerbaijani;Azerbaijanis;Azeri;Azeris | Baku |
BDI | | | Burundian | Bujumbura |
BEL | | | Belgian;Belgians | Brussels | Antwerp;Ghent;Liege
BEN | | Dahomey | Beninese | Porto-Novo | Cotonou
BES | Caribbean Netherlands | Bonaire | | Kralendijk |
BFA | | Upper Volta | Burkinabe | Ouagadougou |
BGD | | | Bangladeshi;Bangladeshis | Dhaka=Dacca | Chittagong
BGR | | | Bulgarian;Bulgarians | Sofia | Varna
BHR | | | Bahraini;Bahrainis | Manama |
BHS | | The Bahamas | Bahamian;Bahamians | Nassau |
BIH | | Bosnia;Herzegovina | Bosnian;Bosnians | Sarajevo | Mostar;Banja Luka
BLM | | Saint Barthélemy;St. Barts | | Gustavia |
BLR | | Byelorussia;Belorussia | Belarusian;Belarusians;Byelorussian | Minsk |
BLZ | | | Belizean | Belmopan | Belize City
BMU | | | Bermudian | |
BOL | | | Bolivian;Bolivians | La Paz;Sucre | Santa Cruz;Cochabamba
BRA | | | Brazilian;Brazilians | Brasilia=Brasília | Sao Paulo=São Paulo;Rio de Janeiro;Belo Horizonte;Porto Alegre;Recife;Salvador
BRB | | | Barbadian;Barbadians | Bridgetown |
BRN | Brunei | Brunei Darussalam | Bruneian | Bandar Seri Begawan |
BTN | | | Bhutanese | Thimphu |
BVT | | | | |
BWA | | | Botswanan;Motswana;Batswana | Gaborone |
CAF | | | Central African | Bangui |
CAN | | | Canadian;Canadians | Ottawa | Toronto;Montreal;Vancouver;Calgary;Edmonton;Winnipeg;Quebec City;Halifax;Saskatoon
CCK | | | | |
CHE | | | Swiss | Bern=Berne | Zurich=Zürich;Geneva;Basle=Basel;Lausanne;Lugano;Davos
CHL | | | Chilean;Chileans | Santiago | Valparaiso
CHN | | Communist China;Red China;PRC | Chinese | Beijing=Peking | Shanghai;Guangzhou=Canton;Shenzhen;Tianjin;Wuhan;Chongqing;Nanjing;Xian;Xiamen;Dalian;Harbin;Chengdu;Lhasa;Urumqi
CIV | Ivory Coast | Côte d'Ivoire;Cote d'Ivoire | Ivorian;Ivorians | Yamoussoukro | Abidjan
CMR | | | Cameroonian;Cameroonians | Yaounde=Yaoundé | Douala
COD | DR Congo | Democratic Republic of the Congo;Democratic Republic of Congo;Zaire;Congo-Kinshasa | Congolese;Zairean;Zairian | Kinshasa | Lubumbashi;Goma
COG | Congo | Republic of the Congo;Congo-Brazzaville | | Brazzaville |
COK | | | | Avarua |
COL | | | Colombian;Colombians | Bogota=Bogotá | Medellin;Cali;Cartagena;Barranquilla
COM | | | Comorian | Moroni |
CPV | Cape Verde | Cabo Verde | Cape Verdean | Praia |
CRI | | | Costa Rican;Costa Ricans | San Jose=San José |
CUB | | | Cuban;Cubans | Havana | Guantanamo;Santiago de Cuba
CUW | | Curacao | | Willemstad |
CXR | | | | |
CYM | | Caymans;Grand Cayman | Caymanian | George Town |
CYP | | | Cypriot;Cypriots | Nicosia | Limassol;Larnaca
CZE | Czech Republic | Czechia | Czech;Czechs | Prague | Brno
DEU | Germany | West Germany;Federal Republic;Federal Republic of Germany | German;Germans;West German;West Germans | Berlin;Bonn | Frankfurt;Hamburg;Munich;Cologne;Duesseldorf=Düsseldorf=Dusseldorf;Stuttgart;Wiesbaden;Hanover=Hannover;Bremen;Essen;Dortmund;Wolfsburg;Leipzig;Dresden;Nuremberg;West Berlin
DJI | | | Djiboutian | |
DMA | | | Dominican | Roseau |
DNK | | | Danish;Dane;Danes | Copenhagen | Aarhus
DOM | | | | Santo Domingo |
DZA | | | Algerian;Algerians | Algiers | Oran
ECU | | | Ecuadorean;Ecuadorian;Ecuadoreans;Ecuadorians | Quito | Guayaquil
EGY | | | Egyptian;Egyptians | Cairo | Alexandria;Suez;Port Said;Aswan;Sharm el-Sheikh
ERI | | | Eritrean;Eritreans | Asmara |
ESH | | | Sahrawi;Saharan | Laayoune |
ESP | | | Spanish;Spaniard;Spaniards | Madrid | Barcelona;Seville;Valencia;Bilbao;Malaga
EST | | | Estonian;Estonians | Tallinn |
ETH | | | Ethiopian;Ethiopians | Addis Ababa |
FIN | | | Finnish;Finn;Finns | Helsinki |
FJI | | | Fijian;Fijians | Suva |
FLK | Falkland Islands | Falklands;Malvinas | | Stanley |
FRA | | | French;Frenchman;Frenchmen | Paris | Marseille=Marseilles;Lyon=Lyons;Toulouse;Bordeaux;Strasbourg;Lille;Nantes
FRO | | Faroes | Faroese | Torshavn |
FSM | Micronesia | Federated States of Micronesia | Micronesian | Palikir |
GAB | | | Gabonese | Libreville |
GBR | United Kingdom | Britain;Great Britain;UK;U.K.;England;Scotland;Wales;Northern Ireland | British;Briton;Britons;Scottish;Scot;Scots;Welsh | London;Whitehall;Downing Street | Manchester;Liverpool;Edinburgh;Glasgow;Belfast;Leeds;Bristol;Aberdeen;Cardiff;Oxford;Sheffield;Southampton;Newcastle;City of London
GEO | | | Georgian;Georgians | Tbilisi |
GGY | | | | St. Peter Port |
GHA | | | Ghanaian;Ghanaians | Accra |
GIB | | | Gibraltarian | |
GIN | | Guinea-Conakry | Guinean;Guineans | Conakry |
GLP | | | | Basse-Terre | Pointe-a-Pitre
GMB | | The Gambia | Gambian;Gambians | Banjul |
GNB | | | | Bissau |
GNQ | | | Equatoguinean | Malabo |
GRC | | | Greek;Greeks | Athens | Thessaloniki=Salonika;Piraeus
GRD | | | Grenadian | St. George's |
GRL | | | Greenlandic | Nuuk |
GTM | | | Guatemalan;Guatemalans | Guatemala City |
GUF | | | | Cayenne |
GUM | | | Guamanian | Hagatna |
GUY | | | Guyanese | |
HKG | | | Hong Konger | | Kowloon
HMD | | | | |
HND | | | Honduran;Hondurans | Tegucigalpa |
HRV | | | Croatian;Croatians;Croat;Croats | Zagreb | Dubrovnik
HTI | | | Haitian;Haitians | Port-au-Prince |
HUN | | | Hungarian;Hungarians | Budapest |
IDN | | | Indonesian;Indonesians | Jakarta | Surabaya;Bandung;Medan;Bali
IMN | | | Manx | |
IND | | | Indian;Indians | New Delhi=Delhi | Bombay=Mumbai;Calcutta=Kolkata;Madras=Chennai;Bangalore;Hyderabad;Ahmedabad
IOT | | | | |
IRL | | Irish Republic;Eire | Irish | Dublin | Cork
IRN | | Islamic Republic;Persia | Iranian;Iranians;Persian | Tehran=Teheran | Isfahan;Qom;Mashhad;Tabriz;Shiraz;Ahvaz;Bandar Abbas;Bushehr;Natanz;Kharg Island;Abadan;Khorramshahr;Kermanshah;Arak;Bandar Khomeini
IRQ | | | Iraqi;Iraqis | Baghdad | Basra;Mosul;Kirkuk;Najaf;Kerbala=Karbala;Falluja=Fallujah;Ramadi;Tikrit;Samarra;Baquba=Baqubah;Sadr City;Green Zone;Arbil=Erbil;Sulaimaniya=Sulaymaniyah;Nasiriya;Kut;Amara;Hilla;Diwaniya;Anbar;Diyala;Umm Qasr;Faw
ISL | | | Icelandic;Icelander;Icelanders | Reykjavik |
ISR | | | Israeli;Israelis | Jerusalem | Tel Aviv;Haifa;Eilat;Beersheba;Dimona
ITA | | | Italian;Italians | Rome | Milan;Turin;Naples;Genoa;Venice;Florence;Bologna;Palermo;Sanremo
JAM | | | Jamaican;Jamaicans | |
JEY | | | | St. Helier |
JOR | | | Jordanian;Jordanians | Amman | Aqaba;Zarqa
JPN | | | Japanese | Tokyo | Osaka;Yokohama;Kobe;Nagoya;Kyoto;Hiroshima;Nagasaki;Sapporo;Fukuoka;Okinawa
KAZ | | | Kazakh;Kazakhs;Kazakhstani | Astana=Nur-Sultan | Almaty=Alma-Ata
KEN | | | Kenyan;Kenyans | Nairobi | Mombasa
KGZ | | Kirghizia;Kyrgyzia | Kyrgyz;Kirghiz | Bishkek=Frunze |
KHM | Cambodia | Kampuchea | Cambodian;Cambodians;Kampuchean | Phnom Penh |
KIR | | | | Tarawa |
KNA | | St. Kitts and Nevis;St Kitts | Kittitian | Basseterre |
KOR | South Korea | Republic of Korea;S. Korea | South Korean;South Koreans | Seoul | Busan=Pusan;Incheon=Inchon;Ulsan;Daegu
KWT | | | Kuwaiti;Kuwaitis | Kuwait City |
LAO | | Lao PDR | Laotian;Laotians;Lao | Vientiane |
LBN | | | Lebanese | Beirut | Sidon;Tyre;Baalbek;Bekaa
LBR | | | Liberian;Liberians | Monrovia |
LBY | | | Libyan;Libyans | Tripoli | Benghazi;Misrata;Sirte
LCA | | St. Lucia;St Lucia | St. Lucian | Castries |
LIE | | | | Vaduz |
LKA | | Ceylon | Sri Lankan;Sri Lankans | Colombo | Jaffna;Kandy
LSO | | | Basotho | Maseru |
LTU | | | Lithuanian;Lithuanians | Vilnius |
LUX | | | Luxembourger;Luxembourgers | |
LVA | | | Latvian;Latvians | Riga |
MAC | | Macau | Macanese | |
MAF | Saint Martin | | | Marigot |
MAR | | | Moroccan;Moroccans | Rabat | Casablanca;Marrakesh=Marrakech;Tangier;Fez
MCO | | | Monegasque | |
MDA | | Moldavia | Moldovan;Moldovans | Chisinau=Kishinev |
MDG | | | Malagasy | Antananarivo |
MDV | | | Maldivian | |
MEX | | | Mexican;Mexicans | Mexico City | Monterrey;Guadalajara;Tijuana;Acapulco;Cancun;Veracruz
MHL | | | Marshallese | Majuro |
MKD | North Macedonia | Macedonia | Macedonian;Macedonians | Skopje |
MLI | | | Malian;Malians | Bamako | Timbuktu
MLT | | | Maltese | Valletta |
MMR | Myanmar | Burma | Burmese | Naypyidaw | Rangoon=Yangon;Mandalay
MNE | | | Montenegrin;Montenegrins | Podgorica |
MNG | | | Mongolian;Mongolians | Ulan Bator=Ulaanbaatar |
MNP | | | | Saipan |
MOZ | | | Mozambican;Mozambicans | Maputo | Beira
MRT | | | Mauritanian;Mauritanians | Nouakchott |
MSR | | | | Brades |
MTQ | | | | Fort-de-France |
MUS | | | Mauritian;Mauritians | Port Louis |
MWI | | | Malawian;Malawians | Lilongwe | Blantyre
MYS | | | Malaysian;Malaysians | Kuala Lumpur | Penang;Johor Bahru
MYT | | | | Mamoudzou |
NAM | | South West Africa | Namibian;Namibians | Windhoek |
NCL | | | New Caledonian | Noumea=Nouméa |
NER | | | Nigerien;Nigeriens | Niamey |
NFK | | | |  |
NGA | | | Nigerian;Nigerians | Abuja | Lagos;Kano;Ibadan;Port Harcourt
NIC | | | Nicaraguan;Nicaraguans | Managua |
NIU | | | Niuean | Alofi |
NLD | Netherlands | Holland;The Netherlands | Dutch;Dutchman;Dutchmen | Amsterdam;The Hague | Rotterdam;Utrecht;Eindhoven;Europoort
NOR | | | Norwegian;Norwegians | Oslo | Bergen;Stavanger
NPL | | | Nepali;Nepalese | Kathmandu |
NRU | | | Nauruan | Yaren |
NZL | | | New Zealander;New Zealanders;Kiwi | Wellington | Auckland;Christchurch;Taupo
OMN | | | Omani;Omanis | Muscat |
PAK | | | Pakistani;Pakistanis | Islamabad | Karachi;Lahore;Peshawar;Rawalpindi;Quetta;Multan
PAN | | | Panamanian;Panamanians | Panama City |
PCN | Pitcairn Islands | Pitcairn | | Adamstown |
PER | | | Peruvian;Peruvians | Lima | Callao;Cuzco;Arequipa
PHL | | | Philippine;Filipino;Filipinos | Manila | Quezon City;Cebu;Davao;Makati
PLW | | | Palauan | Ngerulmud |
PNG | | | Papua New Guinean | Port Moresby |
POL | | | Polish;Pole;Poles | Warsaw | Gdansk;Krakow=Cracow;Lodz;Wroclaw;Poznan
PRI | | | Puerto Rican;Puerto Ricans | San Juan |
PRK | North Korea | Democratic People's Republic of Korea;DPRK;N. Korea | North Korean;North Koreans | Pyongyang | Yongbyon
PRT | | | Portuguese | Lisbon | Oporto=Porto
PRY | | | Paraguayan;Paraguayans | Asuncion=Asunción |
PSE | Palestine | Palestinian territories;Palestinian Territories;State of Palestine;West Bank;Gaza;Gaza Strip;Palestinian Authority | Palestinian;Palestinians | Ramallah | Gaza City;Hebron;Nablus;Jenin;Bethlehem;Jericho;Khan Younis;Rafah
PYF | | Tahiti | | Papeete |
QAT | | | Qatari;Qataris | Doha |
REU | Reunion | Réunion | |  |
ROU | Romania | Rumania | Romanian;Romanians;Rumanian | Bucharest | Constanta
RUS | Russia | Russian Federation | Russian;Russians | Moscow;Kremlin | St Petersburg=St. Petersburg=Leningrad;Vladivostok;Novosibirsk;Murmansk;Siberia;Chechnya;Grozny
RWA | | | Rwandan;Rwandans | Kigali |
SAU | | Saudi;Kingdom of Saudi Arabia | Saudi;Saudis;Saudi Arabian | Riyadh | Jeddah=Jidda;Mecca;Medina;Dhahran;Ras Tanura;Yanbu;Dammam;Taif
SDN | | The Sudan | Sudanese | Khartoum | Darfur;Port Sudan
SEN | | | Senegalese | Dakar |
SGP | | | Singaporean;Singaporeans | |
SGS | | | | |
SHN | Saint Helena | St. Helena | | Jamestown |
SJM | | Svalbard | | Longyearbyen |
SLB | | | Solomon Islander | Honiara |
SLE | | | Sierra Leonean | Freetown |
SLV | | | Salvadorean;Salvadoran;Salvadoreans;Salvadorans | San Salvador |
SMR | | | Sammarinese | |
SOM | | | Somali;Somalis | Mogadishu | Hargeisa;Kismayo
SPM | | | | Saint-Pierre |
SRB | | | Serbian;Serbians;Serb;Serbs | Belgrade | Novi Sad
SSD | | | South Sudanese | Juba |
STP | | | | Sao Tome |
SUR | | Surinam | Surinamese | Paramaribo |
SVK | | | Slovak;Slovaks;Slovakian | Bratislava |
SVN | | | Slovenian;Slovenians;Slovene;Slovenes | Ljubljana |
SWE | | | Swedish;Swede;Swedes | Stockholm | Gothenburg;Malmo
SWZ | Eswatini | Swaziland | Swazi | Mbabane |
SXM | Sint Maarten | | | Philipsburg |
SYC | | | Seychellois | |
SYR | | | Syrian;Syrians | Damascus | Aleppo;Homs;Hama;Latakia;Raqqa;Deir ez-Zor;Idlib;Golan Heights
TCA | | | | Cockburn Town |
TCD | | | Chadian;Chadians | N'Djamena=Ndjamena |
TGO | | | Togolese | Lome=Lomé |
THA | | Siam | Thai;Thais | Bangkok | Chiang Mai;Phuket;Pattaya
TJK | | | Tajik;Tajiks | Dushanbe |
TKL | | | | |
TKM | | | Turkmen | Ashgabat |
TLS | East Timor | Timor-Leste | East Timorese | Dili |
TON | | | Tongan;Tongans | Nuku'alofa |
TTO | Trinidad and Tobago | Trinidad | Trinidadian;Trinidadians | Port of Spain=Port-of-Spain |
TUN | | | Tunisian;Tunisians | Tunis |
TUR | Turkey | Türkiye;Turkiye | Turkish;Turk;Turks | Ankara | Istanbul;Izmir;Diyarbakir;Incirlik
TUV | | | Tuvaluan | Funafuti |
TWN | | Republic of China;Formosa | Taiwanese | Taipei | Kaohsiung
TZA | | | Tanzanian;Tanzanians | Dodoma | Dar es Salaam;Zanzibar
UGA | | | Ugandan;Ugandans | Kampala | Entebbe
UKR | | | Ukrainian;Ukrainians | Kyiv=Kiev | Kharkiv=Kharkov;Odessa=Odesa;Donetsk;Crimea;Chernobyl
UMI | | | | |
URY | | | Uruguayan;Uruguayans | Montevideo | Punta del Este
USA | United States | United States of America;U.S.;US;USA;U.S.A.;America | American;Americans | Washington;White House;Capitol Hill | New York=New York City;Los Angeles;Chicago;Houston;Dallas;Detroit;Miami;Boston;Minneapolis;Atlanta;San Francisco;Denver;Pittsburgh;Cleveland;Philadelphia;St. Louis=St Louis;Cincinnati;Seattle;San Diego;Oklahoma City;Kansas City;Salt Lake City;Indianapolis;Baltimore;New Orleans;Milwaukee;St. Paul;Las Vegas;Honolulu;Des Moines;Boise;Annapolis;Tulsa;Omaha;Memphis;Nashville;Louisville;Buffalo;Hartford;Sacramento;San Antonio;Fort Worth;Newark;Stamford;Palo Alto;Silicon Valley;Wall Street;Manhattan;Brooklyn;Rochester;Princeton;Anchorage;Wilmington;Tampa;Jacksonville;Albany;Guantanamo Bay;Washington D.C.=Washington, D.C.;Los Alamos;Fort Lauderdale;Boca Raton;San Mateo;Waltham
UZB | | | Uzbek;Uzbeks | Tashkent | Samarkand
VAT | Vatican | Holy See;Vatican City | | |
VCT | | St. Vincent and the Grenadines;St Vincent | Vincentian | Kingstown |
VEN | | | Venezuelan;Venezuelans | Caracas | Maracaibo
VGB | British Virgin Islands | | | Road Town |
VIR | US Virgin Islands | U.S. Virgin Islands | | Charlotte Amalie |
VNM | Vietnam | Viet Nam | Vietnamese | Hanoi | Ho Chi Minh City=Saigon;Haiphong;Danang
VUT | | New Hebrides | Ni-Vanuatu | Port Vila |
WLF | | | | Mata-Utu |
WSM | Samoa | Western Samoa | Samoan;Samoans | Apia |
YEM | | North Yemen;Yemen Arab Republic | Yemeni;Yemenis | Sanaa=San'a | Aden;Hodeidah;Taiz;Mukalla
ZAF | | | South African;South Africans | Pretoria;Cape Town | Johannesburg;Durban;Soweto;Port Elizabeth;Bloemfontein
ZMB | | | Zambian;Zambians | Lusaka | Ndola;Kitwe
ZWE | | | Zimbabwean;Zimbabweans | Harare=Salisbury | Bulawayo
"""

# Countries that no longer exist, with the codes pycountry keeps for them (historic_countries);
# a news archive of 1987 needs them as actors of their own.
HISTORIC_TABLE = """
SUN | Soviet Union | USSR;U.S.S.R.;Soviet Union;Union of Soviet Socialist Republics | Soviet;Soviets | |
DDR | East Germany | German Democratic Republic;GDR | East German;East Germans | East Berlin |
YUG | Yugoslavia | | Yugoslav;Yugoslavs;Yugoslavian | |
CSK | Czechoslovakia | | Czechoslovak;Czechoslovaks;Czechoslovakian | |
YMD | South Yemen | People's Democratic Republic of Yemen | South Yemeni | |
ANT | Netherlands Antilles | Dutch Antilles | Antillean | |
"""

# A successor's code, in an article published before the date, is recorded as the former one:
# "Moscow said" in 1987 is the Soviet Union.
FORMERLY: dict[str, dict[str, str]] = {
    **{code: {"SUN": "1991-12-26"} for code in (
        "RUS", "UKR", "BLR", "KAZ", "UZB", "TKM", "TJK", "KGZ", "ARM", "AZE", "GEO", "MDA",
        "EST", "LVA", "LTU")},
    **{code: {"YUG": "1992-04-27"} for code in ("SRB", "HRV", "SVN", "BIH", "MKD", "MNE")},
    "CZE": {"CSK": "1993-01-01"},
    "SVK": {"CSK": "1993-01-01"},
}


def split(field: str) -> list[str]:
    """The ';'-separated values of a table field, stripped, empty ones dropped."""
    return [value.strip() for value in field.split(";") if value.strip()]


def pycountry_names(code: str) -> list[str]:
    """The names pycountry knows for `code` that read as written in prose (no inverted 'X, Y of')."""
    country = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
    names = [getattr(country, key, None) for key in ("common_name", "name", "official_name")]
    return [n for n in names if n and "," not in n and not n[0].islower()]


def places(field: str) -> list[str | list[str]]:
    """The places of a table field: a name, or a list of names of one place ("Beijing=Peking")."""
    found: list[str | list[str]] = []
    for value in split(field):
        names = [n.strip() for n in value.split("=") if n.strip()]
        found.append(names[0] if len(names) == 1 else names)
    return found


def country_entry(line: str, *, historic: bool = False) -> dict:
    """One country's YAML entry from a COUNTRY_TABLE line."""
    code, name, more, demonyms, capitals, cities = (part.strip() for part in line.split("|"))
    known = pycountry_names(code)
    name = name or known[0]
    aliases = list(dict.fromkeys([name, *known, *split(more)]))
    entry: dict = {"id": code, "name": name, "type": "country", "country_code": code,
                   "aliases": aliases}
    if demonyms:
        entry["demonyms"] = split(demonyms)
    if capitals:
        entry["capital"] = places(capitals)
    if cities:
        entry["cities"] = places(cities)
    if code in FORMERLY:
        entry["formerly"] = FORMERLY[code]
    if historic:
        entry["historic"] = True
    return entry


def generated_block() -> str:
    """The YAML text of all countries, between the marker lines."""
    lines = [line for line in COUNTRY_TABLE.strip().splitlines() if line.strip()]
    entries = [country_entry(line) for line in lines]
    missing = {c.alpha_3 for c in pycountry.countries} - {e["id"] for e in entries}
    if missing:
        raise SystemExit(f"COUNTRY_TABLE lacks pycountry countries {sorted(missing)}")
    entries += [country_entry(line, historic=True)
                for line in HISTORIC_TABLE.strip().splitlines() if line.strip()]
    body = yaml.safe_dump({"countries": entries}, allow_unicode=True, sort_keys=False,
                          width=100, default_flow_style=None)
    return f"{BEGIN}\n{body}{END}\n"


def main() -> int:
    text = ACTORS_YAML.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n", re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{ACTORS_YAML}: marker lines {BEGIN!r} … {END!r} not found")
    ACTORS_YAML.write_text(pattern.sub(lambda _: generated_block(), text), encoding="utf-8")
    print(f"wrote the countries block of {ACTORS_YAML}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
