import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

export type FederatedSchemaOptions = Omit<BuildSchemaOptions, 'skipCheck'> & {
  /** Entity references the subgraph resolves (`__resolveReference`), by type name. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
  /** Entities this subgraph returns but does not resolve by key (e.g. a write side's payloads). */
  nonResolvableEntities?: string[];
};

/**
 * Turns type-graphql resolvers into a federation-2 subgraph schema: type-graphql builds the
 * schema (with its directives kept in the AST), the SDL is printed with directives, and
 * @apollo/subgraph rebuilds it as a subgraph with the resolvers re-attached.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const { referenceResolvers, nonResolvableEntities = [], ...buildOptions } = options;
  const schema = await buildSchema({ ...buildOptions, skipCheck: true });
  let sdl = printSchemaWithDirectives(schema);
  for (const name of nonResolvableEntities) {
    const pattern = new RegExp(`(type ${name}\\b[^{]*@key\\(fields: "[^"]+")\\)`);
    if (!pattern.test(sdl)) throw new Error(`entity ${name} with @key not found in the schema`);
    sdl = sdl.replace(pattern, '$1, resolvable: false)');
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n${sdl}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, extra] of Object.entries(referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(extra as object) } as never;
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
