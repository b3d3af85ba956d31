// Type-ahead for choosing people, enhancing a <select> or <select multiple> marked
// data-module="app-user-picker". Without JavaScript the select itself is submitted; with it,
// the select is hidden and stays the form's value: this only sets its options' `selected`.
// The text box follows the WAI-ARIA combobox pattern (as GOV.UK accessible-autocomplete):
// arrow keys move through the suggestions, Enter chooses, Escape closes; chosen people are
// listed with a "Remove" button each (multiple) or shown in the box (single).

let counter = 0

function el (tag, attrs = {}, text = '') {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  if (text) node.textContent = text
  return node
}

export function enhance (select) {
  const id = select.id || `app-user-picker-${++counter}`
  const multiple = select.multiple
  const people = Array.from(select.options).filter((option) => option.value !== '')
  const wrapper = el('div', { class: 'app-user-picker' })
  const input = el('input', {
    type: 'text',
    id: `${id}-search`,
    class: 'govuk-input',
    role: 'combobox',
    autocomplete: 'off',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-listbox`
  })
  const describedBy = select.getAttribute('aria-describedby')
  if (describedBy) input.setAttribute('aria-describedby', describedBy)
  const listbox = el('ul', { id: `${id}-listbox`, role: 'listbox', class: 'app-user-picker__menu', hidden: '' })
  const status = el('div', { class: 'govuk-visually-hidden', role: 'status', 'aria-live': 'polite' })
  const chosen = el('ul', { class: 'govuk-list app-user-picker__chosen' })
  let matches = []
  let active = -1

  const label = document.querySelector(`label[for="${select.id}"]`)
  if (label) label.setAttribute('for', input.id)
  // The select stays in the form (it carries the value) but out of sight and reach.
  select.hidden = true
  select.setAttribute('aria-hidden', 'true')
  select.tabIndex = -1

  function renderChosen () {
    if (!multiple) {
      const picked = people.find((option) => option.selected)
      input.value = picked ? picked.textContent.trim() : ''
      return
    }
    chosen.replaceChildren()
    for (const option of people.filter((o) => o.selected)) {
      const item = el('li', { class: 'app-user-picker__person' })
      item.append(el('span', {}, option.textContent.trim()), ' ')
      const remove = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary app-user-picker__remove' }, 'Remove')
      remove.append(el('span', { class: 'govuk-visually-hidden' }, ` ${option.textContent.trim()}`))
      remove.addEventListener('click', () => {
        option.selected = false
        renderChosen()
        status.textContent = `${option.textContent.trim()} removed`
        input.focus()
      })
      item.append(remove)
      chosen.append(item)
    }
  }

  function close () {
    listbox.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  function highlight (index) {
    active = index
    Array.from(listbox.children).forEach((item, i) => {
      item.setAttribute('aria-selected', String(i === index))
      item.classList.toggle('app-user-picker__option--focused', i === index)
    })
    if (index >= 0) input.setAttribute('aria-activedescendant', `${id}-option-${index}`)
  }

  function choose (option) {
    if (!multiple) people.forEach((o) => { o.selected = false })
    option.selected = true
    close()
    if (multiple) input.value = ''
    renderChosen()
    status.textContent = `${option.textContent.trim()} chosen`
  }

  function suggest () {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean)
    listbox.replaceChildren()
    if (!words.length) { close(); return }
    matches = people.filter((option) => {
      const text = option.textContent.toLowerCase()
      return !(multiple && option.selected) && words.every((word) => text.includes(word))
    }).slice(0, 20)
    matches.forEach((option, i) => {
      const item = el('li', { id: `${id}-option-${i}`, role: 'option', class: 'app-user-picker__option', 'aria-selected': 'false' }, option.textContent.trim())
      item.addEventListener('mousedown', (event) => { event.preventDefault(); choose(option) })
      listbox.append(item)
    })
    if (!matches.length) listbox.append(el('li', { class: 'app-user-picker__option app-user-picker__option--none' }, 'No officer matches'))
    listbox.hidden = false
    input.setAttribute('aria-expanded', 'true')
    active = -1
    status.textContent = matches.length === 1 ? '1 officer matches' : `${matches.length} officers match`
  }

  input.addEventListener('input', () => {
    if (!multiple && input.value === '') people.forEach((o) => { o.selected = false })
    suggest()
  })
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && matches.length) {
      event.preventDefault()
      highlight(Math.min(active + 1, matches.length - 1))
    } else if (event.key === 'ArrowUp' && matches.length) {
      event.preventDefault()
      highlight(Math.max(active - 1, 0))
    } else if (event.key === 'Enter' && !listbox.hidden) {
      event.preventDefault() // choose, do not submit the form
      if (matches[Math.max(active, 0)]) choose(matches[Math.max(active, 0)])
    } else if (event.key === 'Escape') {
      close()
    }
  })
  input.addEventListener('blur', () => {
    close()
    if (!multiple) renderChosen()
  })

  wrapper.append(input, listbox, status)
  select.after(wrapper)
  if (multiple) wrapper.after(chosen)
  renderChosen()
}

export function initUserPickers (root = document) {
  root.querySelectorAll('select[data-module="app-user-picker"]').forEach(enhance)
}
