import type { ScenarioAssetType } from '../../shared/scenario'
import type { Random } from '../random'
import { GENERATION_TYPES, IMAGE_INPUT_TYPES, type SessionKind } from './scenario-vocabulary'
import type { Created, ScenarioWriter } from './scenario-writer'

// One working session of a Scenario author: a generation and its edits, an img2img from an
// uploaded sketch, uploads, a video, audio, a 3D model, a texture set or a skybox.

/** What a session is drawn with before its assets: who, what, when, and the defaults they share. */
interface Session {
  author: number
  kind: SessionKind
  tags: number[]
  /** When the session starts; its assets follow in order. */
  time: number
  privacy: number
  model: { id: number } | undefined
  /** The size of its images unless a step says otherwise. */
  width: number
  height: number
}

/** Writes one session's assets (fewer when the fill's count runs out on the way). */
export function writeSession(writer: ScenarioWriter, r: Random, session: Session): void {
  const { author, kind, tags, privacy, model, width: w, height: h } = session
  const { add, someOf, prompt, nextInference, edits } = writer
  let time = session.time

  const upload = (type: ScenarioAssetType, name: string, extra: { duration?: number } = {}) =>
    add({ author, type, privacy, time, name, width: w, height: h, tags: someOf(tags), ...extra })

  const generate = (type: ScenarioAssetType, parent: Created | null, sizeW = w, sizeH = h): Created[] => {
    const inference = nextInference()
    const text = prompt()
    const outputs: Created[] = []
    const n = r.weighted([
      [1, 25],
      [2, 20],
      [4, 55],
    ] as const)
    time += r.int(20, 600) * 1000
    for (let i = 0; i < n; i++) {
      const made = add({
        author,
        type,
        privacy,
        time: time + i * 1000,
        prompt: text,
        modelId: model?.id ?? null,
        inferenceId: inference,
        parent,
        width: sizeW,
        height: sizeH,
        tags: someOf(tags),
      })
      if (made) outputs.push(made)
    }
    return outputs
  }

  switch (kind) {
    case 'generate':
      for (const out of generate(r.weighted(GENERATION_TYPES), null)) edits(out, author, tags)
      break
    case 'img2img': {
      const input = upload(r.chance(0.9) ? 'uploaded' : 'uploaded-avatar', `sketch-${r.int(1, 999)}.png`)
      if (input) for (const out of generate(r.weighted(IMAGE_INPUT_TYPES), input)) edits(out, author, tags)
      break
    }
    case 'upload':
      for (let i = r.int(1, 3); i > 0; i--) {
        time += r.int(5, 90) * 1000
        upload(r.chance(0.85) ? 'uploaded' : 'uploaded-avatar', `reference-${r.int(1, 9999)}.jpg`)
      }
      break
    case 'video': {
      const variant = r.int(0, 4)
      const duration = r.int(3, 10)
      if (variant === 0) {
        upload('uploaded-video', `clip-${r.int(1, 999)}.mp4`, { duration })
      } else if (variant === 1) {
        add({
          author,
          type: 'txt2video',
          privacy,
          time,
          prompt: prompt(),
          width: 1280,
          height: 720,
          duration,
          tags,
        })
      } else {
        const still = generate('inference-txt2img', null, 1344, 768)[0]
        if (!still) break
        time += r.int(2, 30) * 60_000
        const clip = add({
          author,
          type: 'img2video',
          privacy,
          time,
          prompt: prompt(),
          parent: still,
          width: 1280,
          height: 720,
          duration,
          tags,
        })
        if (clip && variant === 4) {
          time += r.int(2, 30) * 60_000
          add({
            author,
            type: r.chance(0.5) ? 'upscale-video' : 'video2video',
            privacy,
            time,
            parent: clip,
            width: 1920,
            height: 1080,
            duration,
            tags,
          })
        }
      }
      break
    }
    case 'audio': {
      const duration = r.int(5, 60)
      const first = r.chance(0.3)
        ? upload('uploaded-audio', `voice-${r.int(1, 999)}.wav`, { duration })
        : add({ author, type: 'txt2audio', privacy, time, prompt: prompt(), duration, tags })
      if (first && r.chance(0.3)) {
        time += r.int(1, 20) * 60_000
        add({ author, type: 'audio2audio', privacy, time, parent: first, duration, tags })
      }
      break
    }
    case '3d': {
      const still = r.chance(0.5) ? generate('inference-txt2img', null, 1024, 1024)[0] : undefined
      time += r.int(2, 30) * 60_000
      const mesh = still
        ? add({ author, type: 'img23d', privacy, time, parent: still, tags })
        : r.chance(0.3)
          ? upload('uploaded-3d', `prop-${r.int(1, 999)}.glb`)
          : add({ author, type: 'txt23d', privacy, time, prompt: prompt(), tags })
      if (mesh && r.chance(0.5)) {
        time += r.int(2, 30) * 60_000
        const texture = r.pick<ScenarioAssetType>(['3d23d-texture', '3d-texture', '3d23d'])
        const textured = add({ author, type: texture, privacy, time, parent: mesh, tags })
        if (textured && texture === '3d-texture') {
          for (const map of [
            '3d-texture-albedo',
            '3d-texture-normal',
            '3d-texture-roughness',
            '3d-texture-metallic',
            '3d-texture-mtl',
          ] as const) {
            add({
              author,
              type: map,
              privacy,
              time: time + 1000,
              parent: textured,
              width: 2048,
              height: 2048,
              tags,
            })
          }
        }
      }
      break
    }
    case 'texture': {
      const base = generate('texture', null, 1024, 1024)[0]
      if (!base) break
      time += r.int(1, 10) * 60_000
      const maps = ['texture-albedo', 'texture-normal', 'texture-height', 'texture-ao'] as const
      const extra = r.chance(0.4) ? (['texture-smoothness', 'texture-metallic', 'texture-edge'] as const) : []
      for (const map of [...maps, ...extra]) {
        add({ author, type: map, privacy, time, parent: base, width: 1024, height: 1024, tags })
      }
      if (r.chance(0.3)) {
        add({
          author,
          type: 'upscale-texture',
          privacy,
          time: time + 60_000,
          parent: base,
          width: 2048,
          height: 2048,
          tags,
        })
      }
      break
    }
    case 'skybox': {
      const sky = generate('skybox-base-360', null, 2048, 1024)[0]
      if (!sky) break
      time += r.int(1, 20) * 60_000
      if (r.chance(0.6))
        add({ author, type: 'upscale-skybox', privacy, time, parent: sky, width: 4096, height: 2048, tags })
      if (r.chance(0.5))
        add({ author, type: 'skybox-hdri', privacy, time, parent: sky, width: 4096, height: 2048, tags })
      if (r.chance(0.2)) add({ author, type: 'skybox-3d', privacy, time, parent: sky, tags })
      break
    }
  }
}
