import t from 'tap';

t.pass('workspace builds');
