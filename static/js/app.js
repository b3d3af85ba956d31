// Improvement plan tracker – front-end entry point (ES module).
//
// Loaded with <script type="module"> from templates/base.html. The Content
// Security Policy forbids inline scripts, so the classes that GOV.UK
// Frontend's page template normally adds with an inline <script> are added
// here instead. Browsers that run ES modules are the browsers GOV.UK Frontend
// supports, so `govuk-frontend-supported` is set unconditionally.
//
// The import is relative so it works whatever STATIC_URL is; with the default
// STATIC_URL it resolves to /static/govuk/govuk-frontend.min.js.
import { initAll } from '../govuk/govuk-frontend.min.js'
import { initUserPickers } from './user-picker.js'
import { initDownloads } from './downloads.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')

initAll()

initUserPickers()

initDownloads()
