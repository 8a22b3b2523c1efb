import { h } from '../dom.js';
import { t } from '../i18n.js';
import { HOME } from '../routes.js';

export default {
  title: 'forbidden.title',
  render(main) {
    main.append(
      h('h1', {}, t('forbidden.title')),
      h('p', {}, t('forbidden.text')),
      h('p', {}, h('a', { href: HOME }, t('notFound.home'))));
  },
};
