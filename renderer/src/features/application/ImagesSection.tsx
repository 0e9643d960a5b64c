import { useTranslation } from 'react-i18next';
import { useApplicationImages } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Section } from './Section';

/** Only image data URLs are shown; anything else (or nothing yet) gets the placeholder. */
function isImageDataUrl(src: string | null | undefined): src is string {
  return typeof src === 'string' && /^data:image\/(png|jpeg|webp|gif|svg\+xml)[;,]/i.test(src);
}

function Picture({ src, alt, caption, missing }: { src: string | null | undefined; alt: string; caption: string; missing: string }) {
  return (
    <figure className="picture">
      {isImageDataUrl(src) ? (
        <img src={src} alt={alt} className="picture__img" />
      ) : (
        <div className="picture__placeholder" role="img" aria-label={`${caption}: ${missing}`}>
          <span aria-hidden="true">{missing}</span>
        </div>
      )}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

export function ImagesSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const images = useApplicationImages(id);
  return (
    <Section title={t('application.imagesSection')} className="card--images">
      {images.isError ? (
        <ErrorNotice error={images.error} onRetry={() => void images.refetch()} />
      ) : images.isPending ? (
        <p className="muted">{t('application.imagesLoading')}</p>
      ) : (
        <div className="pictures">
          <Picture src={images.data.photo} alt={t('application.photoAlt')} caption={t('application.photo')} missing={t('application.imageMissing')} />
          <Picture
            src={images.data.signature}
            alt={t('application.signatureAlt')}
            caption={t('application.signature')}
            missing={t('application.imageMissing')}
          />
        </div>
      )}
    </Section>
  );
}
