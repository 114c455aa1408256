"""The documents the French DMP's rules cite, the passages they quote, their legal periods.

Each citation quotes its passage verbatim, in French, and only what it cites: a paragraph of an
article is quoted whole. Article L.1111-18 of the Code de la santé publique is known here only
in an English translation (« The shared medical record is kept for a period of ten years from
its closure »): the retention rule quotes the DMP FAQ, which says the same in French.

What the sources do not say is said to be unknown, never guessed: the FAQ names neither its
issuer nor its date, and gives its answers without section titles; the articles of the Code de
la santé publique are quoted in their « version en vigueur », whose date the sources do not
give. Each legal period is declared once, with the published fact its dates rest on; the
rules' versions name it.
"""

from __future__ import annotations

from datetime import date

from dme_rules.engine.citations import Document
from dme_rules.engine.versions import Period

__all__ = ["CODE_CIVIL_PROCEDURE", "CODE_PUBLIC_HEALTH", "DMP_FAQ"]

#: The Code de la santé publique, in its current numbering (since the 2021 decree on Mon
#: espace santé), quoted in the wording the sources call « version en vigueur » without a date.
CODE_PUBLIC_HEALTH = Document(
    title="Code de la santé publique",
    issuer="République française (Légifrance)",
    date="version en vigueur, date inconnue",
)

#: The Code de procédure civile (arts. 641–642 in force since 1 January 1976).
CODE_CIVIL_PROCEDURE = Document(
    title="Code de procédure civile",
    issuer="République française (Légifrance)",
    date="1976-01-01",
)

#: The FAQ on the Dossier Médical Partagé, under its own title (its first line; the next
#: reads « Les réponses à vos questions concernant le Dossier Médical Partagé (DMP) le carnet
#: de santé numérique intégré à Mon espace santé »). It names no issuer (it mentions the CPAM
#: only as the one that « prend en charge l’accompagnement des PS libéraux ») and no date.
DMP_FAQ = Document(
    title="Dossier Médical Partagé (DMP)",
    issuer="éditeur inconnu (la FAQ ne le nomme pas)",
    date="date inconnue (la FAQ n'est pas datée)",
)

#: Where a passage of the FAQ is: its answers have no section titles.
_FAQ_UNTITLED = "sans titre de section (la FAQ ne titre pas cette réponse)"

# -- the legal periods: when each text applies, and why ------------------------------------

#: R.1111-47, R.1111-48, R.1111-53 in their current wording, and the FAQ's first-access notice.
MON_ESPACE_SANTE = Period(
    effective_from=date(2022, 1, 1),
    basis=(
        "Articles R.1111-47, R.1111-48 and R.1111-53 in their current numbering, from the 2021 "
        "decree on Mon espace santé; the sources give neither the decree's day nor the day its "
        "wording took effect: 1 January 2022, the first day after the decree's year, is taken. "
        "The FAQ's first-access notice describes the same service."
    ),
    basis_fr=(
        "Articles R.1111-47, R.1111-48 et R.1111-53 dans leur numérotation actuelle, issue du "
        "décret de 2021 relatif à Mon espace santé ; les sources ne donnent ni le jour du "
        "décret ni celui où sa rédaction a pris effet : est retenu le 1er janvier 2022, premier "
        "jour suivant l'année du décret. La notification du premier accès décrite par la FAQ "
        "relève du même service."
    ),
)

#: L.1111-18 as the loi n° 2016-41 worded it: ten years of retention after a record's closure.
LOI_2016_41 = Period(
    effective_from=date(2016, 7, 1),
    basis=(
        "Article L.1111-18 as worded by the loi de modernisation de notre système de santé "
        "(loi n° 2016-41); the sources give no day: 1 July 2016 is taken."
    ),
    basis_fr=(
        "Article L.1111-18 dans sa rédaction issue de la loi de modernisation de notre système "
        "de santé (loi n° 2016-41) ; les sources ne donnent pas de jour : est retenu le "
        "1er juillet 2016."
    ),
)

# -- the passages the rules quote ------------------------------------------------------------

R1111_47 = CODE_PUBLIC_HEALTH.cite(
    "Article R.1111-47",
    "Une fois que le titulaire a autorisé un professionnel, un établissement de santé, un "
    "établissement ou un service social ou médico-social à accéder à son dossier médical "
    "partagé, il ne peut s'opposer, sauf motif légitime, à ce que ceux-ci versent dans son "
    "dossier médical partagé les données utiles à la prévention, la coordination, la qualité "
    "et la continuité des soins.",
)

#: R.1111-48, first two sentences: the holder's right to oppose access in an emergency.
R1111_48_OPPOSITION = CODE_PUBLIC_HEALTH.cite(
    "Article R.1111-48",
    "Le titulaire est informé de son droit de s'opposer à l'accès à son dossier médical partagé "
    "par un professionnel dans les situations d'urgence prévues au I de l'article L. 1111-17. "
    "En l'absence d'opposition du titulaire, dans de telles situations, les professionnels de "
    "santé mentionnés au I de l'article L. 1111-17 accèdent au dossier médical partagé.",
)

#: R.1111-48, last sentence: the holder and the médecin traitant informed after the access.
R1111_48 = CODE_PUBLIC_HEALTH.cite(
    "Article R.1111-48",
    "Le titulaire et son médecin traitant sont informés de cet accès a posteriori et de façon "
    "dématérialisée.",
)

R1111_53_TWO_WEEKS = CODE_PUBLIC_HEALTH.cite(
    "Article R.1111-53",
    "Dans un délai de deux semaines suivant le versement d'une donnée inaccessible, et en "
    "l'absence de la consultation d'annonce, le patient est informé par tout moyen y compris "
    "dématérialisé d'une mise à jour de son dossier médical partagé, l'invitant à consulter "
    "un professionnel de santé, notamment son médecin traitant, pour en prendre connaissance.",
)

R1111_53_ONE_MONTH = CODE_PUBLIC_HEALTH.cite(
    "Article R.1111-53",
    "Si la consultation d'annonce n'a pas eu lieu un mois après le versement de la donnée "
    "dans le dossier médical partagé du patient, elle devient automatiquement accessible.",
)

#: Art. 641, first paragraph: a time limit in days.
CPC_641_DAYS = CODE_CIVIL_PROCEDURE.cite(
    "Article 641",
    "Lorsqu'un délai est exprimé en jours, celui de l'acte, de l'événement, de la décision ou "
    "de la notification qui le fait courir ne compte pas.",
)

#: Art. 641, second paragraph: a time limit in months or years.
CPC_641_MONTHS_YEARS = CODE_CIVIL_PROCEDURE.cite(
    "Article 641",
    "Lorsqu'un délai est exprimé en mois ou en années, ce délai expire le jour du dernier mois "
    "ou de la dernière année qui porte le même quantième que le jour de l'acte, de "
    "l'événement, de la décision ou de la notification qui fait courir le délai. A défaut "
    "d'un quantième identique, le délai expire le dernier jour du mois.",
)

#: Art. 642, first paragraph: every time limit ends at 24:00 of its last day.
CPC_642_END = CODE_CIVIL_PROCEDURE.cite(
    "Article 642", "Tout délai expire le dernier jour à vingt-quatre heures."
)

#: Art. 642, second paragraph: the extension to the next working day (cited where a reading
#: applies it).
CPC_642_EXTENSION = CODE_CIVIL_PROCEDURE.cite(
    "Article 642",
    "Le délai qui expirerait normalement un samedi, un dimanche ou un jour férié ou chômé est "
    "prorogé jusqu'au premier jour ouvrable suivant.",
)

FAQ_OPPOSITION = DMP_FAQ.cite(
    _FAQ_UNTITLED,
    "Le patient peut s’opposer à l’alimentation de son DMP pour un motif légitime. Cette "
    "opposition est à faire connaitre au PS qui le prend en charge. Sans opposition préalable "
    "du patient, le PS alimente son DMP.",
)

FAQ_FIRST_ACCESS = DMP_FAQ.cite(
    _FAQ_UNTITLED,
    "Ces accès sont tracés dans le DMP du patient, et une notification est envoyée "
    "automatiquement au patient s’il s’agit du premier accès par un PS.",
)

FAQ_RETENTION = DMP_FAQ.cite(
    _FAQ_UNTITLED,
    "Une fois que votre DMP est fermé, les données seront conservées pendant 10 ans.",
)
