import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './chromium';

/** The Debian packages a real speech engine needs (`.ci/run` installs them). */
export const SPEECH_PACKAGES = [
  'speech-dispatcher',
  'speech-dispatcher-espeak-ng',
  'espeak-ng',
  'xvfb',
  'pulseaudio',
  'pulseaudio-utils',
];
const PROGRAMS = ['speech-dispatcher', 'spd-say', 'espeak-ng', 'Xvfb', 'pulseaudio', 'pactl'];

/** The programs of a real speech engine this machine lacks. */
export function missingSpeechPrograms(): string[] {
  return PROGRAMS.filter((program) => {
    try {
      execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

export interface SpeechEngine {
  /** Headed Chromium on the engine's virtual display, speaking through speech-dispatcher. */
  browser: Browser;
  stop: () => Promise<void>;
}

function started(child: ChildProcess, name: string, output: () => string): ChildProcess {
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal === null)
      console.warn(`${name} exited with ${code}: ${output().slice(-2000)}`);
  });
  return child;
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv, extraFds = 0) {
  let output = '';
  const child = spawn(command, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe', ...Array<'pipe'>(extraFds).fill('pipe')],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child: started(child, command, () => output), output: () => output };
}

/** Xvfb on a free display, which it picks and writes to fd 3. */
async function startXvfb(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; display: string }> {
  const { child, output } = spawnLogged(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    env,
    1,
  );
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${output()}`)), 60_000);
    const fd3 = child.stdio[3] as NodeJS.ReadableStream;
    let text = '';
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
  });
  return { child, display };
}

async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function succeeds(command: string, args: string[], env: NodeJS.ProcessEnv): boolean {
  try {
    execFileSync(command, args, { env, stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A real speech engine as docs/shared field notes describe it: PulseAudio with a null sink (the
 * audio goes nowhere, but at its real pace), speech-dispatcher with espeak-ng, in a private
 * runtime folder, and headed Chromium under Xvfb with `--enable-speech-dispatcher`. Headless
 * Chromium lists no voices.
 */
export async function startSpeechEngine(): Promise<SpeechEngine> {
  const missing = missingSpeechPrograms();
  if (missing.length > 0)
    throw new Error(
      `No real speech engine: ${missing.join(', ')} missing (apt-get install ${SPEECH_PACKAGES.join(' ')})`,
    );
  const root = mkdtempSync(join(tmpdir(), 'wms-speech-'));
  const runtime = join(root, 'run');
  mkdirSync(runtime);
  chmodSync(runtime, 0o700);
  const config = join(root, 'speechd');
  mkdirSync(join(config, 'modules'), { recursive: true });
  writeFileSync(
    join(config, 'speechd.conf'),
    [
      'AudioOutputMethod "pulse"',
      'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"',
      'DefaultModule espeak-ng',
      'DefaultLanguage "en"',
      'LogLevel 3',
      '',
    ].join('\n'),
  );
  const moduleConfig = '/etc/speech-dispatcher/modules/espeak-ng.conf';
  writeFileSync(
    join(config, 'modules', 'espeak-ng.conf'),
    existsSync(moduleConfig) ? readFileSync(moduleConfig) : '',
  );
  const socket = join(runtime, 'speechd.sock');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: root,
    XDG_RUNTIME_DIR: runtime,
    XDG_CONFIG_HOME: join(root, 'config'),
    PULSE_RUNTIME_PATH: join(runtime, 'pulse'),
    SPEECHD_ADDRESS: `unix_socket:${socket}`,
  };
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children.reverse()) child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const pulse = spawnLogged(
      'pulseaudio',
      [
        '--daemonize=no',
        '--exit-idle-time=-1',
        '-n',
        '--load=module-native-protocol-unix auth-anonymous=1',
        '--load=module-null-sink sink_name=nullsink',
      ],
      env,
    );
    children.push(pulse.child);
    await waitFor(() => succeeds('pactl', ['info'], env), `PulseAudio (${pulse.output()})`, 60_000);
    const speechd = spawnLogged(
      'speech-dispatcher',
      ['-s', '-t', '0', '-C', config, '-c', 'unix_socket', '-S', socket, '-L', root, '-l', '3'],
      env,
    );
    children.push(speechd.child);
    await waitFor(
      () => succeeds('spd-say', ['-w', '-l', 'en', 'ok'], env),
      `speech-dispatcher (${speechd.output()})`,
      // Its first utterance loads espeak-ng: seconds on a loaded machine.
      120_000,
    );
    const xvfb = await startXvfb(env);
    children.push(xvfb.child);
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: false,
      env: { ...env, DISPLAY: xvfb.display },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-speech-dispatcher',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    return {
      browser,
      stop: async () => {
        await browser.close();
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}
