// roster/ipc-checked-channel: in preload, ipcRenderer is called only with a
// channel the code controls: a string literal, an imported or const string, or
// a variable that an `if (!isChannel(x)) return` just before (or an enclosing
// `if (isChannel(x))`) has checked against the contract. A page-chosen channel
// would let the page reach any handler main registers.
const METHODS = new Set(['invoke', 'send', 'sendSync', 'on', 'once', 'addListener', 'removeListener', 'off', 'removeAllListeners', 'postMessage', 'sendToHost']);

const isChannelCheck = (node, name) =>
  node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'isChannel' && node.arguments[0]?.type === 'Identifier' && node.arguments[0].name === name;

const returns = (node) => node.type === 'ReturnStatement' || node.type === 'ThrowStatement' || (node.type === 'BlockStatement' && node.body.some(returns));

/** Whether a statement before `call` in an enclosing block returns unless isChannel(name), or an enclosing if checks it. */
function isGuarded(call, name, ancestors) {
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    const node = ancestors[i];
    const child = ancestors[i + 1] ?? call;
    if (node.type === 'IfStatement' && node.consequent === child && isChannelCheck(node.test, name)) return true;
    if (node.type === 'BlockStatement' || node.type === 'Program') {
      const index = node.body.indexOf(child);
      const before = node.body.slice(0, index);
      if (before.some((statement) => statement.type === 'IfStatement' && statement.test.type === 'UnaryExpression' && statement.test.operator === '!' && isChannelCheck(statement.test.argument, name) && returns(statement.consequent))) return true;
    }
    if (/Function/.test(node.type)) return false;
  }
  return false;
}

/** An identifier bound by an import, or by a const initialised with a string literal. */
function isConstantChannel(identifier, scope) {
  for (let current = scope; current; current = current.upper) {
    const variable = current.set.get(identifier.name);
    if (!variable) continue;
    return variable.defs.some(
      (def) =>
        def.type === 'ImportBinding' ||
        (def.type === 'Variable' && def.parent.kind === 'const' && def.node.init?.type === 'Literal' && typeof def.node.init.value === 'string'),
    );
  }
  return false;
}

export const ipcCheckedChannel = {
  meta: {
    type: 'problem',
    docs: { description: 'ipcRenderer calls name a literal, constant or isChannel-checked channel' },
    schema: [],
    messages: {
      channel: 'Call ipcRenderer.{{method}} with a literal or constant channel, or one checked by isChannel() just before: never a channel the page chose.',
      computed: 'Call ipcRenderer methods by name, not with a computed key.',
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'ipcRenderer') return;
        if (callee.computed && callee.property.type !== 'Literal') return context.report({ node, messageId: 'computed' });
        const method = callee.computed ? callee.property.value : callee.property.name;
        if (!METHODS.has(method)) return;
        const channel = node.arguments[0];
        if (channel?.type === 'Literal' && typeof channel.value === 'string') return;
        const sourceCode = context.sourceCode;
        if (channel?.type === 'Identifier' && (isConstantChannel(channel, sourceCode.getScope(node)) || isGuarded(node, channel.name, sourceCode.getAncestors(node)))) return;
        context.report({ node, messageId: 'channel', data: { method } });
      },
    };
  },
};

/** roster/no-open-external: shell.openExternal only in src/main/shell/external-links.ts, behind the https allow-list. */
export const noOpenExternal = {
  meta: {
    type: 'problem',
    docs: { description: 'shell.openExternal is reached only through the https allow-list' },
    schema: [],
    messages: { open: 'Open pages with denyWindowOpen (src/main/shell/external-links.ts), which checks the https allow-list.' },
  },
  create(context) {
    const named = (node) => (node.type === 'Identifier' && node.name === 'openExternal') || (node.type === 'Literal' && node.value === 'openExternal');
    return {
      MemberExpression(node) {
        if (named(node.property)) context.report({ node, messageId: 'open' });
      },
      Property(node) {
        if (named(node.key) && node.parent.type === 'ObjectPattern') context.report({ node, messageId: 'open' });
      },
    };
  },
};

export default { rules: { 'ipc-checked-channel': ipcCheckedChannel, 'no-open-external': noOpenExternal } };
