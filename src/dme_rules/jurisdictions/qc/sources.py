"""The documents Quebec's rules cite, the passages they quote, and their legal periods.

Each citation quotes its passage verbatim, in French (markup of the original, such as bold,
left out). Each legal period (:class:`~dme_rules.engine.versions.Period`) is declared once,
with the published fact its dates rest on; the rules' versions name it.
"""

from __future__ import annotations

from datetime import date, timedelta

from dme_rules.engine.citations import Document
from dme_rules.engine.versions import Period

__all__ = ["FMOQ_DME_UPDATES", "MSSS_MIGRATION_PROCEDURE_2024"]

#: The physicians' federation page of dated EMR notices (2021-10-28 to 2024-12-12); the page
#: states no date of its own: its date is that of its latest notice, and each citation
#: carries the date of the notice it quotes.
FMOQ_DME_UPDATES = Document(
    title="DME (Dossier médical électronique) — Mises à jour sur le DME",
    issuer="Fédération des médecins omnipraticiens du Québec (FMOQ)",
    date="2024-12-12",
)

#: The ministry's 2024 administrative procedure for migrating data between EMRs.
MSSS_MIGRATION_PROCEDURE_2024 = Document(
    title=(
        "Procédure administrative de migration des données entre dossiers médicaux électroniques"
    ),
    issuer="Ministère de la Santé et des Services sociaux (MSSS)",
    date="2024",
    reference="ISBN 978-2-550-97587-8 (version PDF)",
)


# -- the legal periods: when each text applies, and why ------------------------------------

#: The Avenant n° 1 obligations apply to requests from 28 October 2021.
AVENANT = Period(
    effective_from=date(2021, 10, 28),
    basis=(
        "Date of the FMOQ notice announcing the Avenant n° 1 obligations (28 October 2021); "
        "the Avenant's own date is not in the sources."
    ),
    basis_fr=(
        "Date de l'avis de la FMOQ du 28 octobre 2021 annonçant les obligations de l'Avenant "
        "n° 1 ; la date de l'Avenant lui-même ne figure pas dans les sources."
    ),
)

#: The 2024 procedure's obligations apply to requests from 1 January 2024.
PROCEDURE = Period(
    effective_from=date(2024, 1, 1),
    basis=(
        "The procedure carries only its legal-deposit year (« Dépôt légal – 2024 »); its "
        "obligations are taken to apply from 1 January 2024."
    ),
    basis_fr=(
        "La procédure ne porte que l'année de son dépôt légal (« Dépôt légal – 2024 ») ; ses "
        "obligations sont tenues pour applicables à compter du 1er janvier 2024."
    ),
)

#: The Avenant's obligations that the 2024 procedure replaces: until the day before it.
AVENANT_UNTIL_PROCEDURE = AVENANT.ending(PROCEDURE.effective_from - timedelta(days=1))

#: The consent checklist applies to assessments from 20 June 2022.
CONSENT_CHECKLIST = Period(
    effective_from=date(2022, 6, 20),
    basis=(
        "Date of the FMOQ notice that sets out the questions to ask before using a new EMR "
        "feature (20 June 2022)."
    ),
    basis_fr=(
        "Date de l'avis de la FMOQ du 20 juin 2022 qui énonce les questions à se poser avant "
        "d'utiliser une nouvelle fonctionnalité du DMÉ."
    ),
)

# -- the passages the rules quote ------------------------------------------------------------

_AVENANT_NOTICE = "28 octobre 2021 — Changer de solution informatique pour vos DME"

AVENANT_EXTRACTION = FMOQ_DME_UPDATES.cite(
    _AVENANT_NOTICE,
    "Sur réception d’une demande de migration, le fournisseur dispose maintenant d’un délai "
    "maximum de 21 jours pour extraire les données et il ne peut exiger plus de 500 $ par "
    "intervenant pour l’extraction.",
    date="2021-10-28",
)
AVENANT_IMPORT = FMOQ_DME_UPDATES.cite(
    _AVENANT_NOTICE,
    "Le nouveau fournisseur doit pour sa part réaliser l’importation des données dans un délai "
    "n’excédant pas 45 jours de la demande et il ne peut exiger plus de 500 $ par intervenant "
    "lorsque les données proviennent de la même solution et 1500 $ lorsque les données "
    "proviennent d’une solution différente.",
    date="2021-10-28",
)
AVENANT_MODULATION = FMOQ_DME_UPDATES.cite(
    _AVENANT_NOTICE,
    "Une modulation des coûts à la baisse est possible en fonction du nombre d’intervenants.",
    date="2021-10-28",
)
AVENANT_CONFIRMATION = FMOQ_DME_UPDATES.cite(
    _AVENANT_NOTICE,
    "Il est à noter que tout fournisseur ayant terminé une extraction ou une importation de "
    "données doit maintenant confirmer que l’opération a réussi.",
    date="2021-10-28",
)
AVENANT_READ_ONLY_ACCESS = FMOQ_DME_UPDATES.cite(
    _AVENANT_NOTICE,
    "De plus, le médecin doit conserver un accès gratuit en mode lecture à son ancienne "
    "solution pour une période de trois mois suivant la migration.",
    date="2021-10-28",
)

_STEP_2 = "Étapes du processus, 2. Transmission du formulaire de demande de migration de données"
_STEP_3 = (
    "Étapes du processus, 3. Élaboration du calendrier de migration des données et "
    "transmission au(x) client(s)"
)

PROCEDURE_OFFICIAL_START = MSSS_MIGRATION_PROCEDURE_2024.cite(
    _STEP_2,
    "Le calcul du calendrier de travail officiel commence le jour ouvrable suivant la date de "
    "transmission de la demande électronique.",
)
PROCEDURE_STANDARD_DELAYS = MSSS_MIGRATION_PROCEDURE_2024.cite(
    _STEP_3,
    "En présence d'une demande de migration standard de données, le calendrier doit respecter "
    "les délais prévus à l'avenant N°1 au devis technique sur la certification des dossiers "
    "médicaux électroniques.",
)
PROCEDURE_NON_STANDARD_SCOPE = MSSS_MIGRATION_PROCEDURE_2024.cite(
    _STEP_3,
    "Dans le cas où le médecin et/ou la clinique demande la migration de certaines données non "
    "incluses dans la portée standard d'une migration, des délais ou travaux supplémentaires "
    "pourront être pris en compte dans le calendrier de livraison.",
)
PROCEDURE_FORM = MSSS_MIGRATION_PROCEDURE_2024.cite(
    _STEP_2,
    "Le formulaire de demande de migration de données (voir annexe), dûment rempli et signé, "
    "doit être transmis par courrier électronique aux deux fournisseurs DMÉ impliqués dans la "
    "demande ainsi qu'au bureau de certification et d'homologation (BCH)",
)
PROCEDURE_CLINIC_AUTHORIZATION = MSSS_MIGRATION_PROCEDURE_2024.cite(
    "Étapes du processus, 1. Avis au fournisseur",
    "L'autorisation écrite de la clinique ayant contracté l'entente avec le fournisseur est "
    "obligatoire et requise pour entreprendre officiellement le processus au moment de la "
    "transmission du formulaire.",
)
PROCEDURE_BCH_ADDRESS = MSSS_MIGRATION_PROCEDURE_2024.cite(
    _STEP_2, "L'adresse du BCH est certification.homologation@msss.gouv.qc.ca"
)
PROCEDURE_PREANALYSIS_VALIDATION = MSSS_MIGRATION_PROCEDURE_2024.cite(
    f"{_STEP_3}, Extraction des données, d)",
    "Le médecin et/ou la clinique responsable du projet de migration de données est "
    "responsable d'effectuer une validation diligente de la préanalyse dans un délai de 7 "
    "jours ouvrables.",
)
PROCEDURE_PREANALYSIS_DELAYS = MSSS_MIGRATION_PROCEDURE_2024.cite(
    f"{_STEP_3}, Extraction des données, d)",
    "Tout délai ou travail supplémentaire à cette étape peuvent entraîner des délais "
    "raisonnables de traitement et d'intervention dans la démarche et modifier légèrement le "
    "calendrier de livraison.",
)
PROCEDURE_READ_ONLY_ACCESS = MSSS_MIGRATION_PROCEDURE_2024.cite(
    f"{_STEP_3}, Importation des données, f)",
    "La période d'accès à l'ancien DMÉ postmigration est d'une durée minimale de 90 jours.",
)
PROCEDURE_CALENDAR = MSSS_MIGRATION_PROCEDURE_2024.cite(
    _STEP_3, "Le calendrier de migration doit indiquer clairement :"
)
PROCEDURE_CALENDAR_TEST_EXTRACTION = MSSS_MIGRATION_PROCEDURE_2024.cite(
    f"{_STEP_3}, Extraction des données, a)",
    "Le calendrier de migration doit contenir la date de la première extraction de données "
    "(TEST) convenue entre le fournisseur émetteur et le fournisseur receveur.",
)
PROCEDURE_CALENDAR_PRODUCTION = MSSS_MIGRATION_PROCEDURE_2024.cite(
    f"{_STEP_3}, Importation des données, e)",
    "Le calendrier de migration doit comporter la date de la mise en production du projet de "
    "migration ainsi que la date d'utilisation des données par le médecin et/ou la clinique.",
)
PROCEDURE_CALENDAR_ACCESS_REMOVAL = MSSS_MIGRATION_PROCEDURE_2024.cite(
    f"{_STEP_3}, Importation des données, f)",
    "Le calendrier de migration doit comporter la date à laquelle les accès seront retirés.",
)
PROCEDURE_COMPLAINT_FOLLOW_UP = MSSS_MIGRATION_PROCEDURE_2024.cite(
    "Plainte",
    "Un suivi sera effectué par l'équipe du BCH dans les 72 heures ouvrables.",
)

_CONSENT_NOTICE = "20 juin 2022"
CONSENT_DUTY = FMOQ_DME_UPDATES.cite(
    _CONSENT_NOTICE,
    "Le médecin a le devoir de protéger la confidentialité et l’accès aux renseignements "
    "personnels et confidentiels de ses patients. Vous devez donc être vigilant avant "
    "d’utiliser une nouvelle fonctionnalité de votre DME. Posez-vous un certain nombre de "
    "questions, notamment :",
    date="2022-06-20",
)
CONSENT_IN_SHORT = FMOQ_DME_UPDATES.cite(
    _CONSENT_NOTICE,
    "En bref, ne tenez rien pour acquis. Posez des questions, obtenez des réponses claires et "
    "assurez-vous de comprendre les enjeux associés. Il vous appartient de protéger les "
    "données de vos patients !",
    date="2022-06-20",
)
