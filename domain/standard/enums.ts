// Canonical enumerations of the standard v1.0.2, built from ANCT's lib enums but written in the
// spelling that validates against schema-v1.0.2.json (the lib and the schema disagree on one label).
import {
  DispositifProgrammeNational,
  FormationLabel,
  Frais,
  Itinerance,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Service,
  Typologie,
} from '@gouvfr-anct/lieux-de-mediation-numerique'
import type { ListField } from './fields.ts'

// The schema regex has no space before the parenthesis; the lib has one (see enums.md).
export const ETAPES_NUMERIQUES_CANONICAL = 'Étapes numériques(La Poste)'

export type EnumField = Exclude<ListField, 'typologie' | 'courriels' | 'site_web' | 'autres_formations_labels'>

// Values in schema order (the order used to list allowed values in messages).
export const ENUM_FIELDS: Readonly<Record<EnumField, readonly string[]>> = {
  itinerance: [Itinerance.Itinerant, Itinerance.Fixe],
  services: [
    Service.AideAuxDemarchesAdministratives,
    Service.MaitriseDesOutilsNumeriquesDuQuotidien,
    Service.InsertionProfessionnelleViaLeNumerique,
    Service.UtilisationSecuriseeDuNumerique,
    Service.ParentaliteEtEducationAvecLeNumerique,
    Service.LoisirsEtCreationsNumeriques,
    Service.ComprehensionDuMondeNumerique,
    Service.AccesInternetEtMaterielInformatique,
    Service.MaterielInformatiqueAPrixSolidaire,
  ],
  publics_specifiquement_adresses: [
    PublicSpecifiquementAdresse.Jeunes,
    PublicSpecifiquementAdresse.Etudiants,
    PublicSpecifiquementAdresse.FamillesEnfants,
    PublicSpecifiquementAdresse.Seniors,
    PublicSpecifiquementAdresse.Femmes,
  ],
  prise_en_charge_specifique: [
    PriseEnChargeSpecifique.Surdite,
    PriseEnChargeSpecifique.HandicapsMoteurs,
    PriseEnChargeSpecifique.HandicapsMentaux,
    PriseEnChargeSpecifique.Illettrisme,
    PriseEnChargeSpecifique.LanguesEtrangeresAnglais,
    PriseEnChargeSpecifique.LanguesEtrangeresAutre,
    PriseEnChargeSpecifique.DeficienceVisuelle,
  ],
  frais_a_charge: [Frais.Gratuit, Frais.GratuitSousCondition, Frais.Payant],
  dispositif_programmes_nationaux: [
    DispositifProgrammeNational.AidantsConnect,
    DispositifProgrammeNational.BibliothequesNumeriqueDeReference,
    DispositifProgrammeNational.CertificationPIX,
    DispositifProgrammeNational.ConseillersNumeriques,
    DispositifProgrammeNational.EmmausConnect,
    DispositifProgrammeNational.FranceServices,
    DispositifProgrammeNational.GrandeEcoleDuNumerique,
    DispositifProgrammeNational.LaCroixRouge,
    DispositifProgrammeNational.PointNumeriqueCAF,
    DispositifProgrammeNational.PromeneursDuNet,
    DispositifProgrammeNational.RelaisNumeriqueEmmausConnect,
  ],
  formations_labels: [
    FormationLabel.FormeAMonEspaceSante,
    FormationLabel.FormeADuplex,
    FormationLabel.ArniaMednum,
    FormationLabel.CollectifRessourcesEtActeursReemploi,
    ETAPES_NUMERIQUES_CANONICAL,
    FormationLabel.FabriquesDeTerritoire,
    FormationLabel.LesEclaireurs,
    FormationLabel.MesPapiers,
    FormationLabel.Ordi3,
    FormationLabel.SudLabs,
  ],
  modalites_acces: [
    ModaliteAcces.SePresenter,
    ModaliteAcces.Telephoner,
    ModaliteAcces.ContacterParMail,
    ModaliteAcces.PrendreRdvEnLigne,
    ModaliteAcces.PasDePublic,
    ModaliteAcces.PrescriptionParMail,
  ],
  modalites_accompagnement: [
    ModaliteAccompagnement.EnAutonomie,
    ModaliteAccompagnement.AccompagnementIndividuel,
    ModaliteAccompagnement.DansUnAtelier,
    ModaliteAccompagnement.ADistance,
  ],
}

export const ENUM_FIELD_NAMES = Object.keys(ENUM_FIELDS) as EnumField[]

export function isEnumField(name: string): name is EnumField {
  return Object.hasOwn(ENUM_FIELDS, name)
}

// Structure types (data·inclusion vocabulary, ANCT lib `Typologie`): 92 codes.
export const TYPOLOGIES: readonly string[] = Object.values(Typologie)
