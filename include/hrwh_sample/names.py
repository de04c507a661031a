"""Hand-written Swedish first and last names for the synthetic staff.

The lists mirror Stockholm's public-sector workforce: mostly traditional Swedish names, with a fair
share of Finnish, Balkan, Polish, Middle-Eastern, Somali and Latin-American names. Every letter is
representable in Windows-1252, because some payroll months are written in that encoding and a
name that cannot be encoded would make the whole file unwritable.
"""

from __future__ import annotations

import random

# fmt: off
FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Kerstin", "Ingrid",
    "Marie", "Malin", "Jenny", "Hanna", "Linda", "Elin", "Annika", "Susanne", "Johanna", "Sofia",
    "Monica", "Camilla", "Carina", "Helena", "Ida", "Julia", "Linnea", "Therese", "Ulrika", "Åsa",
    "Frida", "Madeleine", "Matilda", "Elisabeth", "Birgitta", "Ewa", "Jessica", "Petra", "Maja",
    "Cecilia", "Josefin", "Amanda", "Louise", "Alexandra", "Charlotte", "Emelie", "Sandra", "Lisa",
    "Rebecka", "Victoria", "Annelie", "Gunilla", "Margareta", "Ylva", "Pia", "Agneta",
    "Ann-Charlotte", "Anna-Karin", "Mia", "Nina", "Tove", "Klara", "Ebba", "Moa", "Lovisa", "Elsa",
    "Alva", "Ella", "My", "Stina", "Sofie", "Caroline", "Mikaela", "Fatima", "Amina", "Leila",
    "Yasmin", "Aisha", "Zahra", "Hodan", "Fadumo", "Mariam", "Nour", "Dalia", "Zeynep", "Elif",
    "Ayse", "Katarzyna", "Agnieszka", "Joanna", "Marta", "Elena", "Irina", "Natalia", "Olga",
    "Milica", "Jelena", "Amra", "Selma", "Lejla", "Ana", "Paula", "Carolina", "Gabriela",
    "Daniela", "Mirja", "Päivi", "Tuula", "Ritva", "Hélène", "Åse", "Märta", "Britt", "Solveig",
    "Ingela", "Eleonor", "Terese", "Paulina", "Minna", "Riikka", "Shirin", "Parisa", "Samira",
)

MALE_FIRST_NAMES: tuple[str, ...] = (
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Mikael", "Jan", "Peter", "Hans", "Thomas",
    "Daniel", "Fredrik", "Stefan", "Mats", "Magnus", "Andreas", "Mattias", "Jonas", "Marcus",
    "Niklas", "Henrik", "Martin", "Patrik", "Björn", "Ulf", "Christer", "Göran", "Bengt", "Sven",
    "Oskar", "Viktor", "Emil", "Gustav", "Axel", "Simon", "Jakob", "Filip", "Alexander",
    "Sebastian", "Robin", "Joakim", "Tobias", "Rickard", "Kristoffer", "Olof", "Nils", "Håkan",
    "Jonatan", "Pontus", "Linus", "Hampus", "Ludvig", "Arvid", "Isak", "Leo", "Hugo", "Adam",
    "David", "Samuel", "Mohammed", "Ahmed", "Ali", "Hassan", "Omar", "Yusuf", "Abdi", "Mustafa",
    "Ibrahim", "Karim", "Mehmet", "Ahmad", "Hussein", "Reza", "Amir", "Dragan", "Nikola", "Marko",
    "Tomasz", "Piotr", "Krzysztof", "Jorge", "Carlos", "Diego", "Juha", "Matti", "Pekka", "Åke",
    "Rolf", "Lennart", "Leif", "Kjell", "Roger", "Tommy", "Jörgen", "Östen", "Gunnar", "Torbjörn",
    "Mohamed", "Abdirahman", "Said", "Milan", "Zoran", "Esa", "Kalle", "Olle", "Ragnar", "Staffan",
    "Claes", "Gösta", "Börje", "Rasmus", "Albin", "Anton", "Elias", "André", "José", "Kenneth",
)

LAST_NAMES: tuple[str, ...] = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist",
    "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist",
    "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg",
    "Wallin", "Ali", "Engström", "Mohamed", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk",
    "Bergman", "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist",
    "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson",
    "Nordström", "Mårtensson", "Lundström", "Ahmed", "Viklund", "Björklund", "Eliasson",
    "Pålsson", "Hassan", "Berggren", "Sandström", "Lund", "Nordin", "Ström", "Åberg", "Hermansson",
    "Ekström", "Falk", "Holmgren", "Dahlberg", "Hellström", "Hedlund", "Sundberg", "Sjögren", "Ek",
    "Blom", "Abrahamsson", "Martinsson", "Öberg", "Andreasson", "Strömberg", "Månsson", "Åkesson",
    "Hansen", "Norberg", "Lindholm", "Dahl", "Jonasson", "Hedberg", "Sundström", "Palm", "Ekberg",
    "Göransson", "Nordqvist", "Sundqvist", "Lindblom", "Mohammed", "Hussein", "Yilmaz", "Nielsen",
    "Kaya", "Omar", "Abdi", "Osman", "Ibrahim", "Demir", "Korhonen", "Virtanen", "Nowak",
    "Kowalski", "Popovic", "Jovanovic", "Petrovic", "Nikolic", "Hodzic", "Rodriguez", "Garcia",
    "Silva", "Khan", "Rahimi", "Karimi", "Hosseini", "Mahmoud", "Saleh", "Yusuf", "Farah",
    "Warsame", "Lindahl", "Åström", "Wahlström", "Nygren", "Ekman", "Forslund", "Hagström",
    "Ljungberg", "Strand", "Rosén", "Boström", "Lilja", "Kjellberg", "Friberg", "Björkman",
    "Brandt", "Öhman", "Westerberg", "Engberg", "Ågren", "Sjöström", "Thorén", "Norén", "Edlund",
    "Ekholm", "Granberg", "Lindell", "Wiklund", "Lövgren", "Hallberg", "Nordlund", "Sandell",
    "Carlsson", "Sahlin", "Hägg", "Törnqvist", "Wennberg", "Backman", "Lindén", "Ohlsson",
    "Bäckström", "Vesterlund", "Mäkinen", "Heikkinen", "Lehtonen", "Sandén", "Öström", "Ekdahl",
)

# fmt: on


def random_name(rng: random.Random, female: bool) -> str:
    """A full name; about one in eight has two first names, one in twenty a double surname."""
    firsts = FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES
    first = rng.choice(firsts)
    if rng.random() < 0.12:
        second = rng.choice(firsts)
        if second != first:
            first = f"{first} {second}"
    last = rng.choice(LAST_NAMES)
    if rng.random() < 0.05:
        other = rng.choice(LAST_NAMES)
        if other != last:
            last = f"{last} {other}"
    return f"{first} {last}"
