import { pageMetadata } from '@/i18n/metadata';
import { ForgotPasswordForm } from './_components/forgot-password-form';

export const generateMetadata = pageMetadata('forgotPassword');

export default function ForgotPasswordPage() {
  return <ForgotPasswordForm />;
}
