/**
 * Recognizer backed by an OpenAI chat model with structured output. The model's answer is validated
 * against a schema and merged over the fallback's result; any failure (timeout, HTTP error, bad JSON,
 * schema mismatch) returns the fallback's result unchanged, so the bot never depends on the network.
 */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { todayIn } from './calendar';
import type { Gazetteer } from './gazetteer';
import { mergeSuggestion } from './llm-merge';
import { llmUnderstandingSchema, systemPrompt } from './llm-schema';
import type { RecognizeOptions, Recognizer, Understanding } from './recognizer';

export interface OpenAIRecognizerOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs: number;
  fallback: Recognizer;
  /** Validates the model's airport and airline codes; without it only their shape is checked. */
  gazetteer?: Gazetteer;
  /** Told about every fallback (for logs and metrics). */
  onFallback?: (reason: string) => void;
}

const RESPONSE_FORMAT = zodResponseFormat(llmUnderstandingSchema, 'understanding');

export class OpenAIRecognizer implements Recognizer {
  readonly name = 'openai';
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAIRecognizerOptions) {
    // Retries would multiply the wait the traveller sees; the fallback is the retry.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
  }

  /** Asks the model, checks its answer, and falls back to the offline result on any failure. */
  async recognize(text: string, options: RecognizeOptions = {}): Promise<Understanding> {
    const base = await this.options.fallback.recognize(text, options);
    if (!text.trim()) return base;
    const today = options.today ?? todayIn(options.timeZone);
    try {
      const suggestion = await this.ask(text, today, options.timeZone);
      return mergeSuggestion(base, suggestion, { text, today, gazetteer: this.options.gazetteer });
    } catch (err) {
      this.options.onFallback?.(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      return base;
    }
  }

  private async ask(text: string, today: string, timeZone: string | undefined) {
    const completion = await this.client.chat.completions.create(
      {
        model: this.options.model,
        temperature: 0,
        response_format: RESPONSE_FORMAT,
        messages: [
          { role: 'system', content: systemPrompt(today, timeZone) },
          { role: 'user', content: text },
        ],
      },
      // The client's own timeout covers the connection; this one also bounds a slow body.
      { signal: AbortSignal.timeout(this.options.timeoutMs) },
    );
    const content = completion.choices[0]?.message?.content;
    if (!content) throw new Error('empty model answer');
    const parsed = llmUnderstandingSchema.safeParse(JSON.parse(content));
    if (!parsed.success)
      throw new Error(`model answer does not match the schema: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  }
}
