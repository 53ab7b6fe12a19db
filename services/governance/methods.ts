// How every indicator is computed, in French, for the report's methods section (mirrors db/governance/indicators.ts).
export const METHODS: { title: string; text: string }[] = [
  {
    title: 'Sources',
    text:
      'Les lieux sont ceux de l’annuaire Maillage (standard national des lieux de médiation numérique v1.0.2). La ' +
      'population et le centre de chaque commune viennent du référentiel livré avec l’application (INSEE, code ' +
      'officiel géographique 2024 et populations légales ; communes et arrondissements municipaux de Paris, Lyon et ' +
      'Marseille, sans double compte).',
  },
  {
    title: 'Date de référence',
    text:
      'Pour une année écoulée, chaque lieu est pris dans l’état de sa dernière version enregistrée avant le 1er ' +
      'janvier suivant (heure de Paris), d’après l’historique des fiches : statut, position, commune, date de mise à ' +
      'jour. Les parrainages et labels sont pris actifs au 31 décembre. Pour l’année en cours, l’état est celui du ' +
      'jour.',
  },
  {
    title: 'Lieux par statut et pour 10 000 habitants',
    text:
      'Nombre de lieux dont la commune (code INSEE) appartient au territoire, par statut (publié, en attente, ' +
      'archivé, fermé). La densité rapporte les lieux publiés à la population du territoire, multipliée par 10 000.',
  },
  {
    title: 'Couverture de la population à 5, 10 et 20 km',
    text:
      'Part de la population du territoire vivant dans une commune dont le centre est à moins de 5, 10 ou 20 km, en ' +
      'distance géodésique (ellipsoïde WGS 84, PostGIS ST_DWithin sur le type geography), d’au moins un lieu publié ' +
      'situé n’importe où, y compris hors du territoire. Les lieux sans coordonnées ne comptent pas. Toute la ' +
      'population d’une commune est comptée couverte ou non selon la position de son centre.',
  },
  {
    title: 'Zones blanches',
    text:
      'Communes d’au moins 1 000 habitants dont le centre est à plus de 10 km (géodésique) de tout lieu publié, ' +
      'cherchées seulement dans les départements où des données de producteurs sont collectées : au moins un lieu ' +
      '(non en attente) y provient d’une source territoriale, c’est-à-dire présente dans 15 départements au plus ' +
      '(les listes nationales d’un seul dispositif, comme France Services, n’en font pas partie). Ailleurs, les ' +
      'données ne sont pas encore collectées et l’éloignement ne dit rien. La distance indiquée est celle du lieu ' +
      'publié le plus proche. La couverture est aussi donnée pour la seule population de ces départements.',
  },
  {
    title: 'Fraîcheur des données',
    text:
      'Part des lieux publiés du territoire dont la date de mise à jour (date_maj) est postérieure à la date de ' +
      'référence moins 12 mois.',
  },
  {
    title: 'Labels et dispositifs',
    text:
      'Labels : nombre de lieux publiés portant chaque label attribué, non révoqué et non expiré à la date de ' +
      'référence. Dispositifs : nombre de lieux publiés déclarant chaque dispositif ou programme national (champ ' +
      'dispositif_programmes_nationaux du standard).',
  },
  {
    title: 'Parrainages CINOV-IT',
    text:
      'Un parrainage est rattaché au territoire du lieu parrainé. Il est en cours s’il a le statut actif, n’est pas ' +
      'archivé, a commencé et n’est pas terminé à la date de référence, et si l’entreprise n’est pas archivée. ' +
      'Jeunes en emploi d’avenir : somme des jeunes des parrainages « emploi d’avenir » en cours, rapportée à ' +
      'l’objectif national de 2 000. Appareils donnés et montants versés au fonds Solidarités Numériques : cumul des ' +
      'dons et versements commencés à la date de référence (hors archivés).',
  },
  {
    title: 'Série mensuelle',
    text:
      'Nombre de lieux publiés à la fin de chaque mois (heure de Paris), reconstitué depuis l’historique des ' +
      'versions des fiches. La série commence au mois du premier import de données ; une année écoulée avant ' +
      'celui-ci n’a pas d’historique.',
  },
]
