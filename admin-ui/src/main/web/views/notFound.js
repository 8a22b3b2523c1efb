import { h } from '../dom.js';
import { t } from '../i18n.js';
import { HOME } from '../routes.js';

export default {
  title: 'notFound.title',
  render(main) {
    main.append(
      h('h1', {}, t('notFound.title')),
      h('p', {}, t('notFound.text')),
      h('p', {}, h('a', { href: HOME }, t('notFound.home'))));
  },
};
