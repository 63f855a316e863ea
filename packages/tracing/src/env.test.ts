import { ConfigError } from '@threadly/config';
import { describe, expect, it } from 'vitest';
import { loadTracingEnv, parseOtlpHeaders, tracingOptionsFromEnv } from './env.ts';

const optionsOf = (source: Record<string, string>, serviceName = 'catalog') => tracingOptionsFromEnv(loadTracingEnv(source), serviceName);

describe('tracing configuration', () => {
  it('is off with no endpoint, whatever else is set', () => {
    expect(optionsOf({})).toEqual({ serviceName: 'catalog', tracesUrl: undefined, headers: {}, samplingRatio: 1 });
    expect(optionsOf({ OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_HEADERS: 'a=b', OTEL_EXPORTER_OTLP_ENDPOINT: '' }).tracesUrl).toBeUndefined();
  });

  it('posts to <endpoint>/v1/traces, or to the traces endpoint as given', () => {
    expect(optionsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracesUrl).toBe('http://collector:4318/v1/traces');
    expect(optionsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/otlp/' }).tracesUrl).toBe('http://collector:4318/otlp/v1/traces');
    expect(
      optionsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://tempo.example/api/traces' }).tracesUrl,
    ).toBe('https://tempo.example/api/traces');
  });

  it('names the service after the process unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(optionsOf({}, 'gateway').serviceName).toBe('gateway');
    expect(optionsOf({ OTEL_SERVICE_NAME: 'threadly-gateway-eu' }, 'gateway').serviceName).toBe('threadly-gateway-eu');
  });

  it('reads the exporter headers as the OTLP specification writes them', () => {
    expect(optionsOf({ OTEL_EXPORTER_OTLP_HEADERS: 'Api-Key=s3cr%3Dt, x-scope-orgid = tenant 1 ,' }).headers).toEqual({ 'api-key': 's3cr=t', 'x-scope-orgid': 'tenant 1' });
    expect(parseOtlpHeaders('novalue')).toBeUndefined();
    expect(parseOtlpHeaders('=value')).toBeUndefined();
    expect(parseOtlpHeaders('a=%E0%A4%A')).toBeUndefined();
  });

  it('refuses what it cannot use, one line per variable', () => {
    const attempt = () => loadTracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_TRACES_SAMPLER_ARG: '1.5', OTEL_EXPORTER_OTLP_HEADERS: 'token' });
    expect(attempt).toThrow(ConfigError);
    expect(() => attempt()).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /^Invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT — .*\nInvalid configuration: OTEL_EXPORTER_OTLP_HEADERS — expected name=value pairs.*\nInvalid configuration: OTEL_TRACES_SAMPLER_ARG — /,
        ),
      }),
    );
  });

  it('samples the given share of new traces', () => {
    expect(optionsOf({ OTEL_TRACES_SAMPLER_ARG: '0.25' }).samplingRatio).toBe(0.25);
  });
});
