import { createFileRoute } from '@tanstack/react-router'
import { ReviewView } from '../../../../features/projects/components/review-view'

export const Route = createFileRoute('/$source/projects/$projectId/$imageKey')({
  component: ReviewView,
})
