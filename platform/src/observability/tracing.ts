import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler } from '@opentelemetry/sdk-trace-node';

export { SpanKind, SpanStatusCode, type Context, type Span };

export interface TracingOptions {
  /** `service.name` of the exported spans (the process: one service, or `crm-platform` for `npm start`). */
  serviceName: string;
  /** OTLP/HTTP collector base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. Unset: nothing is exported. */
  otlpEndpoint?: string | undefined;
}

interface TracingState {
  provider: NodeTracerProvider;
  exporting: boolean;
  serviceName: string;
}

let state: TracingState | null = null;

/**
 * Sets up OpenTelemetry tracing for this process, once (later calls return the first setup):
 * W3C `traceparent` propagation and an AsyncLocalStorage context, so every request, outbox row,
 * Kafka message and projection carries one trace id. Without an OTLP endpoint spans are not
 * recorded (sampler off: no span objects kept, nothing exported) but trace ids are still generated
 * and propagated, so log lines correlate across services; with one, spans are batched to
 * `<endpoint>/v1/traces` (parent-based: a caller's "not sampled" decision is honoured).
 */
export function initTracing(options: TracingOptions): { exporting: boolean; serviceName: string } {
  if (state) return { exporting: state.exporting, serviceName: state.serviceName };
  const endpoint = options.otlpEndpoint?.replace(/\/+$/, '');
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    sampler: endpoint ? new ParentBasedSampler({ root: new AlwaysOnSampler() }) : new AlwaysOffSampler(),
    spanProcessors: endpoint ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }), { scheduledDelayMillis: 1000 })] : [],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  state = { provider, exporting: Boolean(endpoint), serviceName: options.serviceName };
  return { exporting: state.exporting, serviceName: state.serviceName };
}

/** Sends spans still buffered (before exit, and in tests). */
export async function flushTracing(): Promise<void> {
  await state?.provider.forceFlush();
}

/** Flushes and stops the exporter; a later initTracing sets tracing up again (tests). */
export async function shutdownTracing(): Promise<void> {
  const s = state;
  if (!s) return;
  state = null;
  await s.provider.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
}

function tracer(): Tracer {
  // a process that never called initTracing (a test, a CLI) still gets ids and propagation
  if (!state) initTracing({ serviceName: 'crm' });
  return trace.getTracer('crm-platform');
}

/** The trace id of the active span, if any (what log lines carry). */
export function currentTraceId(): string | undefined {
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const id = span.spanContext().traceId;
  return id === '00000000000000000000000000000000' ? undefined : id;
}

type Carrier = Record<string, string | string[] | undefined>;

const getter = {
  keys: (c: Carrier) => Object.keys(c),
  get: (c: Carrier, key: string) => c[key],
};

/** The context a caller sent (W3C `traceparent`/`tracestate` headers), or the root context. */
export function extractTraceContext(headers: Carrier | undefined): Context {
  if (!headers || headers['traceparent'] === undefined) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, headers, getter);
}

/** The W3C headers for the active context (empty when there is no active span). */
export function traceHeaders(ctx: Context = context.active()): { traceparent?: string; tracestate?: string } {
  const out: Record<string, string> = {};
  propagation.inject(ctx, out);
  return out;
}

/** Starts a span as a child of `parent` (default: the active context) and runs `fn` inside it. */
export function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; parent?: Context; attributes?: Record<string, string | number | boolean> },
  fn: (span: Span) => T,
): T {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) },
    parent,
  );
  return context.with(trace.setSpan(parent, span), fn, undefined, span);
}

/** Starts a span without making it active (the caller ends it, e.g. when a response closes). */
export function startSpan(
  name: string,
  options: { kind?: SpanKind; parent?: Context; attributes?: Record<string, string | number | boolean> },
): { span: Span; context: Context } {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Runs `fn` with `ctx` as the active trace context. */
export function runInTraceContext<T>(ctx: Context, fn: () => T): T {
  return context.with(ctx, fn);
}

/** Ends a span, marking it failed when `err` is given. */
export function endSpan(span: Span, err?: unknown): void {
  if (err !== undefined) {
    span.recordException(err instanceof Error ? err : new Error(String(err)));
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
  }
  span.end();
}
