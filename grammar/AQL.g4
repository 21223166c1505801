// AQL: the Aurora query language. The one definition of its syntax; src/parser builds our AST
// from the parse tree this generates. GraphQL-shaped: commas are insignificant, like whitespace.
grammar AQL;

document : definition* EOF ;

definition
    : operation
    | fragmentDefinition
    ;

operation
    : operationType name? variableDefinitions? directives? selectionSet   # namedOperation
    | selectionSet                                                          # anonymousQuery
    | DEFINE HANDLER handlerName=stringValue handlerBody                    # defineHandler
    | DROP HANDLER handlerName=stringValue                                  # dropHandler
    | PAUSE HANDLER handlerName=stringValue                                 # pauseHandler
    | RESUME HANDLER handlerName=stringValue                                # resumeHandler
    | SCHEMA '{' schemaStatement* '}'                                       # schemaOperation
    ;

operationType : QUERY | MUTATION ;

// ---- selections -------------------------------------------------------------------------
selectionSet : '{' selection* '}' ;

// inlineFragment comes before fragmentSpread so `... on T { }` is always an inline fragment.
selection
    : field
    | inlineFragment
    | fragmentSpread
    ;

// `alias: name(args) @dir | pipe { … }`, or a computed field `fullName: "${first} ${last}" | pipe`.
field
    : alias=name ':' computed=stringValue pipe* directives?
    | (alias=name ':')? fieldName=name arguments? directives? pipe* selectionSet?
    ;

pipe : '|' name arguments? ;

arguments : '(' argument* ')' ;

argument : name ':' value ;

fragmentSpread : '...' fragmentName directives? ;

inlineFragment : '...' (ON typeCondition=name)? directives? selectionSet ;

fragmentDefinition : FRAGMENT fragmentName ON typeCondition=name directives? selectionSet ;

directives : directive+ ;

directive : '@' name arguments? ;

// ---- variables ----------------------------------------------------------------------------
variableDefinitions : '(' variableDefinition* ')' ;

variableDefinition : variable ':' type defaultValue? ;

defaultValue : '=' value ;

type
    : name '!'?             # namedType
    | '[' type ']' '!'?     # listType
    ;

variable : '$' name ;

// ---- values -------------------------------------------------------------------------------
value
    : variable        # variableValue
    | INT             # intValue
    | FLOAT           # floatValue
    | stringValue     # stringLiteral
    | TRUE_LIT            # trueValue
    | FALSE_LIT           # falseValue
    | NULL_LIT            # nullValue
    | enumName        # enumValue
    | '[' value* ']'  # listValue
    | '{' objectField* '}'  # objectValue
    ;

objectField : (name | stringValue) ':' value ;

stringValue : STRING | BLOCK_STRING ;

// ---- automation handlers ------------------------------------------------------------------
// define handler "name" { on: "insert:products", action: { enqueueJob(…) } }
handlerBody : '{' handlerProperty* '}' ;

handlerProperty
    : ACTION ':' selectionSet                   # handlerAction
    | (handlerKey | stringValue) ':' value      # handlerValue
    ;

// ---- schema -------------------------------------------------------------------------------
schemaStatement
    : DEFINE COLLECTION name (IF NOT EXISTS)? '{' fieldDefinition* '}'   # defineCollection
    | ALTER COLLECTION name '{' alterAction* '}'                           # alterCollection
    | DROP COLLECTION name (IF EXISTS)?                                   # dropCollection
    ;

fieldDefinition : name ':' type defaultValue? directives? ;

alterAction
    : ADD FIELD? fieldDefinition                 # addField
    | DROP FIELD? name                           # dropField
    | RENAME FIELD? from=name TO to=name         # renameField
    | MODIFY FIELD? fieldDefinition              # modifyField
    ;

// Keywords are names too wherever a name is expected, with a few exceptions that keep the
// grammar unambiguous: a fragment is never called `on`, an enum value is never true/false/null,
// and `action:` in a handler body always introduces the action's selection set.
name : NAME | keyword | ON | TRUE_LIT | FALSE_LIT | NULL_LIT | ACTION ;
fragmentName : NAME | keyword | TRUE_LIT | FALSE_LIT | NULL_LIT | ACTION ;
enumName : NAME | keyword | ON | ACTION ;
handlerKey : NAME | keyword | ON | TRUE_LIT | FALSE_LIT | NULL_LIT ;

keyword
    : QUERY | MUTATION | FRAGMENT | DEFINE | DROP | PAUSE | RESUME | HANDLER | SCHEMA | COLLECTION
    | IF | NOT | EXISTS | ALTER | ADD | FIELD | RENAME | MODIFY | TO
    ;

// ---- lexer ----------------------------------------------------------------------------------
QUERY : 'query' ;
MUTATION : 'mutation' ;
FRAGMENT : 'fragment' ;
ON : 'on' ;
TRUE_LIT : 'true' ;
FALSE_LIT : 'false' ;
NULL_LIT : 'null' ;
DEFINE : 'define' ;
DROP : 'drop' ;
PAUSE : 'pause' ;
RESUME : 'resume' ;
HANDLER : 'handler' ;
SCHEMA : 'schema' ;
COLLECTION : 'collection' ;
IF : 'if' ;
NOT : 'not' ;
EXISTS : 'exists' ;
ALTER : 'alter' ;
ADD : 'add' ;
FIELD : 'field' ;
RENAME : 'rename' ;
MODIFY : 'modify' ;
TO : 'to' ;
ACTION : 'action' ;

NAME : [_A-Za-z] [_0-9A-Za-z]* ;

INT : '-'? INTEGER_PART ;
FLOAT : '-'? INTEGER_PART ( FRACTION EXPONENT? | EXPONENT ) ;
fragment INTEGER_PART : '0' | [1-9] [0-9]* ;
fragment FRACTION : '.' [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
// `007`, `1.`, `2e`, `12abc`: longer than any INT/FLOAT prefix, so the parser reports the whole word.
INVALID_NUMBER : '-'? [0-9]+ ( '.' [0-9]* )? ( [eE] [+-]? [0-9]* )? [_0-9A-Za-z.]* ;

// Escapes are checked (with their exact position) when the parser decodes the string.
BLOCK_STRING : '"""' ( '\\"""' | . )*? '"""' ;
STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
// A string that does not end on its line, or a block string that never ends.
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '\\'? ;
UNTERMINATED_BLOCK_STRING : '"""' ( '\\"""' | ~["] | '"' ~["] | '""' ~["] )* ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS : [ \t\r\n\u000C\uFEFF,]+ -> skip ;

// Anything else is one bad character: the parser reports it with its position.
UNKNOWN_CHAR : . ;
