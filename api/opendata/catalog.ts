// catalog.json: the /data/ files described the way data.gouv.fr describes a dataset's resources.
import { OPEN_DATA_RESOURCES, type OpenDataBuild } from '../../db/opendata/files.ts'

const LICENSE = {
  id: 'lov2',
  title: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence',
}

export function openDataCatalog(build: OpenDataBuild, baseUrl: string) {
  return {
    title: 'Lieux de médiation numérique — Maillage',
    description: 'Exports complets des lieux publiés, reconstruits après chaque changement. Flux des changements : /api/v1/changes.',
    license: LICENSE.id,
    last_modified: build.updated,
    changes_cursor: build.cursor,
    resources: OPEN_DATA_RESOURCES.map((resource) => {
      const built = build.files.find((f) => f.file === resource.file)!
      return {
        id: resource.file.replace(/\.\w+$/, ''),
        title: resource.title,
        description: resource.description,
        type: 'main',
        filetype: 'remote',
        format: resource.format,
        mime: resource.mime,
        url: `${baseUrl}/data/${resource.file}`,
        filesize: built.size,
        checksum: { type: 'sha256', value: built.sha256 },
        last_modified: build.updated,
        license: LICENSE,
        ...(resource.schema ? { schema: { name: resource.schema } } : {}),
      }
    }),
  }
}
