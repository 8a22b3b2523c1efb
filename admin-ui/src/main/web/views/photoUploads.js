// The photos of an offer: each one (JPEG, PNG or WebP, which browsers decode alike) is made
// smaller on the device before it is sent (a phone's 12-megapixel photo becomes a JPEG of at most
// 1600 pixels a side, which also drops its EXIF data, location included), uploaded with a progress
// bar, and must be described for people who cannot see it.

import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { uploadPhoto } from '../api.js';
import { field, problemsFromApi } from '../forms.js';
import { localImage } from '../format.js';

const MAX_SIDE = 1600;
const QUALITY = 0.85;

/** The photo redrawn on a canvas at most MAX_SIDE pixels a side, as a JPEG; nothing else of the file survives. */
async function resized(file) {
  // Said explicitly: older browsers drew a phone's portrait photo on its side unless asked to
  // follow the photo's EXIF orientation.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff'; // transparent parts of a PNG or WebP would turn black in a JPEG
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode'))), 'image/jpeg', QUALITY);
  });
}

/**
 * A list of photos with their descriptions and a file input to add more, up to `max`.
 * `initial` holds photos already on the offer ({media_id, url, preview_url, alt}).
 */
export function photoList({ max, initial = [], announce }) {
  const slots = [];
  let uploading = 0;
  const list = h('ul', { class: 'photo-list' });
  const input = h('input', { type: 'file', id: uid('f-photo'), name: 'photo', accept: 'image/*', multiple: true });
  const statusId = uid('upload-status');
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-labelledby': statusId });
  const status = h('p', { class: 'hint upload-status', id: statusId, 'aria-live': 'polite' });
  const error = h('p', { class: 'field-error', id: `${input.id}-error`, hidden: true });
  const hint = h('p', { class: 'hint', id: `${input.id}-hint` }, t('photos.hint', { max }));
  input.setAttribute('aria-describedby', hint.id);
  input.setAttribute('data-describedby', hint.id);

  function refresh() {
    input.disabled = slots.length >= max;
    list.hidden = slots.length === 0;
    slots.forEach((slot, i) => {
      slot.label.textContent = t('photos.altLabel', { number: i + 1 });
      slot.remove.textContent = t('photos.remove', { number: i + 1 });
    });
  }

  function addSlot(photo) {
    const altField = field({ name: `photoAlt-${uid('p')}`, label: '', kind: 'textarea', required: true,
      hint: t('photo.altHint'), maxlength: 1500, value: photo.alt || '' });
    // The label's words name the photo by its place in the list, which changes when one is removed.
    const labelText = h('span');
    altField.querySelector('label').prepend(labelText);
    const slot = {
      mediaId: photo.media_id || photo.id,
      alt: altField.querySelector('textarea'),
      label: labelText,
      remove: h('button', { type: 'button', class: 'button danger small' }),
    };
    const src = localImage(photo.preview_url || photo.url);
    const item = h('li', { class: 'photo-item' },
      src ? h('img', { class: 'photo-preview', src, alt: '' }) : null,
      altField, slot.remove);
    slot.remove.addEventListener('click', () => {
      slots.splice(slots.indexOf(slot), 1);
      item.remove();
      refresh();
      input.focus();
    });
    slots.push(slot);
    list.append(item);
    refresh();
    return slot;
  }

  async function upload(file, index, count) {
    const name = file.name || 'photo.jpg';
    status.textContent = t('photos.preparing', { name });
    const blob = await resized(file);
    progress.hidden = false;
    progress.value = 0;
    const media = await uploadPhoto(blob, name.replace(/\.[^.]*$/, '') + '.jpg', (fraction) => {
      progress.value = fraction;
      status.textContent = t('photos.uploading', { percent: Math.round(fraction * 100), number: index + 1, count });
    });
    progress.value = 1;
    return media;
  }

  input.addEventListener('change', async () => {
    const files = Array.from(input.files || []).slice(0, max - slots.length);
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    uploading += 1;
    try {
      for (let i = 0; i < files.length; i += 1) {
        let media;
        try {
          media = await upload(files[i], i, files.length);
        } catch (e) {
          const message = e.status === undefined ? t('photos.unreadable', { name: files[i].name })
            : problemsFromApi(e)[0].message;
          error.textContent = message;
          error.hidden = false;
          input.setAttribute('aria-invalid', 'true');
          status.textContent = '';
          continue;
        }
        const slot = addSlot(media);
        status.textContent = t('photos.added');
        announce(t('photos.addedDescribe'));
        slot.alt.focus();
      }
    } finally {
      uploading -= 1;
      progress.hidden = true;
      input.value = '';
    }
  });

  initial.filter((p) => p.media_id).forEach((p) => addSlot(p));
  refresh();

  return {
    element: h('fieldset', { class: 'field photos' },
      h('legend', {}, t('photos.legend')),
      list,
      h('div', { class: 'field' },
        h('label', { for: input.id }, t('photos.add')),
        hint, input, progress, status, error)),
    /** Whether an upload is still on its way. */
    busy: () => uploading > 0,
    /** The photos as the offers API takes them. */
    value: () => slots.map((s) => ({ media_id: s.mediaId, alt: s.alt.value.trim() })),
    /** A description missing is a problem beside that photo. */
    problems: () => slots.filter((s) => s.alt.value.trim() === '')
      .map((s) => ({ field: s.alt.name, message: t('photo.altRequired') })),
    /** The input holding the description of the nth photo, for the API's photos[n].alt errors. */
    altName: (n) => (slots[n] ? slots[n].alt.name : 'photo'),
  };
}
