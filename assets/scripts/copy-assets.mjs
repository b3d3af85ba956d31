// Copies GOV.UK Frontend's JavaScript and static assets into ../static/govuk/.
// The GDS Transport fonts and crown images are NOT copied: they are reserved for GOV.UK
// services, and app.scss sets Arial instead.
import { cpSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const dist = join(here, '..', 'node_modules', 'govuk-frontend', 'dist', 'govuk')
const out = join(here, '..', '..', 'static', 'govuk')

mkdirSync(out, { recursive: true })

// The source map is copied too: Django's ManifestStaticFilesStorage follows
// the sourceMappingURL comment at the end of the minified file.
for (const file of ['govuk-frontend.min.js', 'govuk-frontend.min.js.map']) {
  cpSync(join(dist, file), join(out, file))
}

const assetsSrc = join(dist, 'assets')
const assetsOut = join(out, 'assets')
rmSync(assetsOut, { recursive: true, force: true })
cpSync(assetsSrc, assetsOut, {
  recursive: true,
  filter: (src) => {
    // Fonts, crown icons and the manifest that names them are GOV.UK's alone.
    const rel = relative(assetsSrc, src)
    if (rel === 'fonts' || rel.startsWith(`fonts${sep}`)) return false
    return !/(govuk-|favicon\.|manifest\.json)/.test(rel)
  }
})

// The app's own (non-crown) favicon
cpSync(join(here, '..', 'images'), join(assetsOut, 'images'), { recursive: true })

console.log(`Copied GOV.UK Frontend JS and assets (without fonts) to ${relative(process.cwd(), out)}`)
