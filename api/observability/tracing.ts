import { context, propagation, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { RequestHandler } from 'express';
import { tracesUrl } from '../config/operations-settings';
import { routeLabel } from './http-metrics';

export interface TracingSettings {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL (OTLP over HTTP, JSON). Unset: no tracing. */
  endpoint?: string;
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: the full traces URL, when it is not base + /v1/traces. */
  tracesEndpoint?: string;
  /** OTEL_SERVICE_NAME */
  serviceName: string;
  serviceVersion?: string;
}

/**
 * OpenTelemetry traces, on only when an OTLP endpoint is configured: spans for HTTP requests, chat turns
 * and SQL statements, sent in batches to the collector (OTLP/HTTP). Off, nothing is installed and the
 * hot paths carry no tracing code at all.
 */
export class Tracing {
  private constructor(
    readonly tracer: Tracer,
    private readonly provider: BasicTracerProvider | null,
    readonly url: string | null,
  ) {}

  static off(): Tracing {
    return new Tracing(trace.getTracer('jetway'), null, null);
  }

  static start(settings: TracingSettings): Tracing {
    const url = tracesUrl(settings);
    if (!url) return Tracing.off();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        'service.name': settings.serviceName,
        ...(settings.serviceVersion ? { 'service.version': settings.serviceVersion } : {}),
      }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
    });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    return new Tracing(provider.getTracer('jetway'), provider, url);
  }

  get enabled(): boolean {
    return this.provider !== null;
  }

  /** Sends the spans still buffered and stops (at shutdown; failures to reach the collector are ignored). */
  async shutdown(): Promise<void> {
    await this.provider?.shutdown().catch(() => undefined);
  }

  /**
   * Runs `fn` in a span that is the current one inside it (its SQL becomes its children), ended with
   * `fn`, and marked as an error when `fn` throws.
   */
  inSpan<T>(name: string, attributes: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    return this.tracer.startActiveSpan(name, { attributes }, async (span) => {
      try {
        return await fn();
      } catch (err) {
        failed(span, err);
        throw err;
      } finally {
        span.end();
      }
    });
  }

  /**
   * One server span per HTTP request, continuing the caller's trace (W3C `traceparent`). Named and
   * labelled by route pattern, never the raw path, which can carry booking references.
   */
  httpSpans(): RequestHandler {
    return (req, res, next) => {
      const parent = propagation.extract(context.active(), req.headers);
      const span = this.tracer.startSpan(
        `${req.method} request`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
        parent,
      );
      res.on('finish', () => {
        const route = routeLabel(req, res.statusCode);
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      res.on('close', () => {
        if (!res.writableFinished) span.end(); // the client went away first
      });
      context.with(trace.setSpan(parent, span), next);
    };
  }
}

function failed(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

export { failed as markSpanFailed };
