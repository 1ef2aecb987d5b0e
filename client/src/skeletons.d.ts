// The document skeletons are YAML files bundled as text (esbuild `loader: { '.yaml': 'text' }`).
declare module '*.yaml' {
  const text: string;
  export default text;
}
